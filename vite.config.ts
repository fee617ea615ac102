import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * index.html carries the strict Content-Security-Policy the built app ships with. The dev
 * server needs two exceptions it does not: React Refresh's inline preamble and CSS injected
 * as <style> elements, plus its HMR WebSocket. Loosen the policy for `vite` (serve) only.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'layercake:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    },
  };
}

export default defineConfig({
  plugins: [react(), devContentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  preview: { port: 4317, strictPort: true },
});
