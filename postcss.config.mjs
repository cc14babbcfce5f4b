/** Tailwind CSS 4 runs as a PostCSS plugin; it finds class names in the sources on its own. */
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
