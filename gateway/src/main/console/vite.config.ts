import { defineConfig } from 'vite';

// Built by the gateway's Maven build (pom.xml, exec-maven-plugin) into the gateway's static resources, which it
// serves at /console/ (web/ConsoleRoutes). Screens beyond the first are separate chunks loaded on first visit.
export default defineConfig({
  base: '/console/',
  build: {
    outDir: '../../../target/classes/META-INF/resources/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
