/** Monaco's editor worker, bundled from node_modules by our own build (no CDN). */
import "monaco-editor/esm/vs/editor/editor.worker.js";
