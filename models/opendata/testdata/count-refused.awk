# Rows refused for their commune, per file, in `TestImportRealFiles -v`'s log.
/^=== RUN/ { split($3, p, "/"); f = p[2] }
/Severity:error/ && /Field:commune / { match($0, /Row:[0-9]+/); k = f SUBSEP substr($0, RSTART, RLENGTH); if (!(k in seen)) { seen[k]; n[f]++; tot++ } }
END { for (f in n) printf "%-45s %d\n", f, n[f] | "sort"; close("sort"); printf "TOTAL %d\n", tot }
