/**
 * Name of the browser session cookie (its value is an opaque random id). Here, below both sides,
 * so code that must not load the session store (and the database with it) can name it too.
 */
export const SESSION_COOKIE = "berth_session";
