/**
 * Name of the browser session cookie (its value is an opaque random id). Here, below both sides,
 * because the page proxy must not import the server's session store (and the database with it).
 */
export const SESSION_COOKIE = "berth_session";
