# Helpers shared by the scripts (sourced, not run).

# Prints the PostgreSQL URL $1 with its database replaced by $2 (query, e.g. ?host=, kept).
database_url_for() {
  node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$1" "$2"
}
