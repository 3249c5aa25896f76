// Help texts. Kept next to the option definitions' names so they are easy to keep in step.
import { PACKAGE_VERSION } from './packageInfo';

export const MAIN_USAGE = `cache-warden ${PACKAGE_VERSION}: check cache configs and map service → cache → database dependencies

Usage: cache-warden <command> [options]

Commands:
  check [paths or globs...]   Check cache configs (and the files .cachewarden.yaml maps schemas to)
  graph                       Print the dependency graph built from annotated docs and cache configs
  lsp --stdio                 Run the language server (for Neovim, Helix, Zed, Emacs, … and VS Code)

Options:
  -h, --help                  Show this help (cache-warden <command> --help for a command's options)
  -v, --version               Print the version
`;

export const CHECK_USAGE = `Usage: cache-warden check [paths or globs...] [options]

Checks cache configs (*.cache.yaml, *.cache.yml, *.cache.json), catalog-info.yaml and the files
that .cachewarden.yaml maps schemas to. Folders are searched recursively, skipping node_modules and
.git; the default is the current folder, whose docs and Backstage descriptors are checked too, as
the editor reads them. A file named explicitly is always checked. Quote globs so the shell leaves
them alone ('configs/**/*.cache.yaml'); a glob starting with ! excludes ('!**/fixtures/**').
Each file gets the problems the editor shows in it: syntax, schema, the CW rules and the catalog's
(catalog-invalid-name, catalog-unresolved-ref, catalog-duplicate-entity, …), refs and duplicates
judged on the whole project when there is a project file or no path is given.

Options:
  -f, --format <format>      human (default), json or sarif (SARIF 2.1.0 for code scanning)
  -o, --output <file>        Write the report to this file instead of standard output
      --max-warnings <n>     Fail (exit 1) when there are more than n warnings
      --schema <file>        Validate the given files against this JSON Schema (drafts 04 to 2020-12)
                             instead of the built-in and mapped schemas
      --schema-dir <folder>  Add the *.json schemas in this folder, known by their $id, for $ref
                             resolution (repeatable)
      --schema-map <url>=<folder>
                             Read schemas under this URL prefix from a local mirror folder, e.g.
                             https://schemas.example.com/=mirror (repeatable)
  -c, --config <file>        Project file (default: .cachewarden.yaml here or in a parent folder)
      --docs-base-url <url>  Base URL of the rule docs in links (default: file:// URIs into the
                             installed package)
      --max-file-size <size> Files over this size (default 5MB; e.g. 512KB, 20MB, bytes) are errors
      --fix                  Apply every safe fix (never a suppression), then report what is left
      --fix-dry-run          Print the safe fixes as a unified diff; write nothing
  -h, --help                 Show this help

Exit codes: 0 no errors (and warnings within --max-warnings); 1 errors, too many warnings or an
unreadable file; 2 wrong arguments, a path that does not exist, a glob that matches nothing.
`;
