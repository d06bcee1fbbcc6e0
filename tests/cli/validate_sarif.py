#!/usr/bin/env python3
"""Validate a SARIF log (file or stdin) against the SARIF 2.1.0 JSON schema (Draft 7) with
python3-jsonschema, and check that it carries results. Used by the ctest `cli.sarif_schema`.
Usage: validate_sarif.py SCHEMA.json [LOG.json|-] [--min-results N]"""
import json
import sys

import jsonschema


def main() -> int:
    args = sys.argv[1:]
    min_results = 0
    if "--min-results" in args:
        i = args.index("--min-results")
        min_results = int(args[i + 1])
        del args[i:i + 2]
    schema_path, log_path = args[0], args[1] if len(args) > 1 else "-"
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    log = json.load(sys.stdin if log_path == "-" else open(log_path, encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:20]:
        print(f"sarif: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    if errors:
        return 1
    results = sum(len(run.get("results", [])) for run in log["runs"])
    if results < min_results:
        print(f"sarif: {results} results, expected at least {min_results}", file=sys.stderr)
        return 1
    print(f"sarif: valid, {results} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
