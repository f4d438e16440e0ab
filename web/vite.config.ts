// Builds the UI into the Python package (src/fleetwire/api/ui_dist), which the API serves at /.
// `npm run dev` proxies the API of a local `fleetwire run` (port 8082) for live editing.
import { defineConfig } from "vite";

const api = process.env.FLEETWIRE_API ?? "http://127.0.0.1:8082";

export default defineConfig({
  build: {
    outDir: "../src/fleetwire/api/ui_dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: {
      "/api/socket": { target: api.replace(/^http/, "ws"), ws: true },
      "/api": { target: api },
    },
  },
});
