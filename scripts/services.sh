#!/usr/bin/env bash
# Start the local services the test suite needs, if they are installed and stopped.
# The core suite needs none (embedded SQLite); later tiers use PostgreSQL and NATS, the outbox
# Mosquitto and RabbitMQ.
set -u
started() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! started 5432 && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if ! started 4222 && [ -x /usr/sbin/nats-server ]; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || true
fi
# the outbox's forwarding and notification tests: Mosquitto (MQTT) and RabbitMQ (AMQP)
if ! started 1883 && [ -x /usr/sbin/mosquitto ]; then
  /usr/sbin/mosquitto -d -c /etc/mosquitto/mosquitto.conf || true
fi
if ! started 5672 && [ -x /usr/sbin/rabbitmq-server ]; then
  (/usr/sbin/rabbitmq-server -detached || rabbitmq-server -detached) >/dev/null 2>&1 || true
  for _ in $(seq 60); do started 5672 && break; sleep 1; done
fi
# the scale-out cluster test puts Debian's HAProxy in front of the gateways
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/dev/null 2>&1 \
    || echo "services.sh: could not install haproxy" >&2
fi
# the web UI's browser test drives Debian's Chromium (Playwright's own browser download is not used)
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "services.sh: could not install chromium" >&2
fi
exit 0
