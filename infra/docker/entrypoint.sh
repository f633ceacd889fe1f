#!/bin/sh
# Entrypoint of the Placewise image (run under tini, so SIGTERM reaches node and children are reaped).
#   placewise referrals|panels|commissioning|finance|notifications
#                                                      run that service (PORT defaults to 3001-3004, 3006)
#   placewise migrate [service...]                     apply migrations (scripts/migrate.mjs), then exit
#   placewise health                                   exit 0 if the service in this container is live
#   placewise <any other command>                      run it (e.g. sh, for debugging)
# With no argument, SERVICE names the service to run.
set -eu

cmd="${1:-${SERVICE:-}}"
if [ $# -gt 0 ]; then shift; fi

case "$cmd" in
  referrals)     port=3001 ;;
  panels)        port=3002 ;;
  commissioning) port=3003 ;;
  finance)       port=3004 ;;
  notifications) port=3006 ;;
  migrate)
    exec node /app/scripts/migrate.mjs "$@" ;;
  health)
    # The healthcheck does not know which service runs here unless PORT is set: any live one answers.
    exec node -e '
      const ports = (process.env.PORT || "3001 3002 3003 3004 3006").split(/\s+/).filter(Boolean);
      const live = (p) => fetch(`http://127.0.0.1:${p}/health/live`, { signal: AbortSignal.timeout(3000) })
        .then((r) => { if (!r.ok) throw new Error(String(r.status)); });
      Promise.any(ports.map(live)).then(() => process.exit(0), () => process.exit(1));' ;;
  "")
    echo "placewise: name a service (referrals, panels, commissioning, finance, notifications), migrate, or set SERVICE" >&2
    exit 64 ;;
  *)
    exec "$cmd" "$@" ;;
esac

export PORT="${PORT:-$port}"
cd "/app/apps/$cmd"
exec node dist/main.js "$@"
