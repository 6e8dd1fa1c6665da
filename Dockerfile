# ERCOT Analytics: one stateless service process. State lives in PostgreSQL/TimescaleDB
# (DATABASE_URL), or, for a single container, in the embedded database under /data.
FROM denoland/deno:2.9.6

WORKDIR /app

# Dependencies first, so editing source does not refetch them.
COPY deno.json deno.lock ./
RUN deno install --frozen

COPY . .
# Type-check and cache every module, and build the browser UI into web/dist.
RUN deno cache main.ts cli/*.ts && (deno task web:build || true)

ENV PORT=8000 DATA_DIR=/data
RUN mkdir -p /data && chown -R deno:deno /data /app
USER deno
EXPOSE 8000
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD deno eval "const r = await fetch('http://127.0.0.1:' + (Deno.env.get('PORT') ?? '8000') + '/health'); Deno.exit(r.ok ? 0 : 1)"

CMD ["deno", "run", "--allow-all", "--unstable-cron", "main.ts"]
