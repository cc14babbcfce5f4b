/** monaco-yaml's language worker (validation, completion, hover against the cluster's schemas). */
import "monaco-yaml/yaml.worker.js";
