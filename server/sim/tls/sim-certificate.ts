/**
 * The simulated cluster's fixed, self-signed serving certificate (P-256, SAN 127.0.0.1 and
 * localhost, valid 100 years). kubectl (client-go) only sends bearer tokens over TLS, so the sim
 * serves HTTPS beside plain HTTP on one port; the kubeconfig pins this certificate as its CA.
 * It protects nothing: the key is public on purpose, for a test double on the loopback.
 */
export const SIM_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBwjCCAWigAwIBAgIURul5lIdb9+K2qWXwp4Kbm63uyG4wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJYmVydGgtc2ltMCAXDTI2MTEyMjA5NTQ0NFoYDzIxMjYxMDI5
MDk1NDQ0WjAUMRIwEAYDVQQDDAliZXJ0aC1zaW0wWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARJsN0cUOm8f2GPOhYh9rUMzMthVMICUjApnC9iQJVaD6CrDw27cHcf
C1jwyezpImwHw258vtui+1dH4pGzPlxbo4GVMIGSMB0GA1UdDgQWBBT4M1fyHV0T
nMkQSnOYnaTGv99f1zAfBgNVHSMEGDAWgBT4M1fyHV0TnMkQSnOYnaTGv99f1zAa
BgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/BAUwAwEB/zAOBgNV
HQ8BAf8EBAMCAoQwEwYDVR0lBAwwCgYIKwYBBQUHAwEwCgYIKoZIzj0EAwIDSAAw
RQIgelYnDF9OoA4uDnsHvh2V6GAFQxETFTwgrb75VJH3xMcCIQChZkKWhE8PN2L+
9aTwYDMd7jxpXbUX6aX8bvsPHg2vaw==
-----END CERTIFICATE-----
`;

export const SIM_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgENLZz3p1LfFq68wM
6r2Cb3MZ56qH1AiggMQZcsyljoyhRANCAARJsN0cUOm8f2GPOhYh9rUMzMthVMIC
UjApnC9iQJVaD6CrDw27cHcfC1jwyezpImwHw258vtui+1dH4pGzPlxb
-----END PRIVATE KEY-----
`;
