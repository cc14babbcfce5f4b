/** localStorage key holding the chosen theme: "light", "dark", or absent for the system's. */
export const THEME_STORAGE_KEY = "berth-theme";

/**
 * Runs before first paint (inlined in <head>) so a dark-mode reader never sees a white flash:
 * the stored choice wins, otherwise prefers-color-scheme decides.
 */
export const themeInitScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var r=document.documentElement;r.classList.toggle("dark",d);r.style.colorScheme=d?"dark":"light";}catch(e){}})();`;
