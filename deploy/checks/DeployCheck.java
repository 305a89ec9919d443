import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the deployment definitions of deploy/ without Docker or a cluster (deploy/checks/run):
 * image definitions, the compose file, the Kubernetes tree (rendered by `kubectl kustomize`, every
 * resource validated against the JSON schemas in deploy/checks/schemas), the observability files,
 * and the environment variables, ports, probes, images, topics and metrics they name against what the
 * services really have; no key or password value in any manifest. Prints every check (each one a real
 * assertion); exit 1 on a failure.
 */
public class DeployCheck {

    record Svc(String name, int port, String db) {}

    static final List<Svc> SERVICES = List.of(
            new Svc("cases-service", 8081, "cases"),
            new Svc("grid-service", 8082, "grid"),
            new Svc("assessment-service", 8083, "assessment"),
            new Svc("gateway", 8080, null));

    /** Standard runtime knobs of Quarkus, the java launcher and glibc, not in any application.properties. */
    static final Set<String> STANDARD_ENV = Set.of(
            "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT", "QUARKUS_SHUTDOWN_TIMEOUT", "QUARKUS_PROFILE",
            "QUARKUS_VERTX_RESOLVER_ROUND_ROBIN_INET_ADDRESS", "QUARKUS_VERTX_RESOLVER_CACHE_MAX_TIME_TO_LIVE",
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES",
            "JDK_JAVA_OPTIONS", "JAVA_APP_JAR", "MALLOC_ARENA_MAX", "LANGUAGE", "TZ");

    static final List<String> FAST_JAR = List.of("lib", "quarkus-run.jar", "app", "quarkus");

    /**
     * The Quarkus mailer settings of an SMTP relay (notices.md: e-mail through the Quarkus mailer), with the two
     * deploy/README.md "Notices" offers: implicit TLS (port 465) and a required login.
     */
    static final List<String> MAILER_ENV = List.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_START_TLS",
            "QUARKUS_MAILER_TLS", "QUARKUS_MAILER_LOGIN", "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");

    /**
     * Variables the deployment must set that a service reads (issue 12: personal-data keys with their ids,
     * the gateway's shared rate-limit store; issue 16: the SMTP relay of the Quarkus mailer, the SMS
     * provider's token and grid-service's notice settings, which reach this check's tree with grid-service's
     * notices). Accepted even while a service's application.properties does not name them yet (they may come
     * from a @ConfigMapping or a standard Quarkus property such as quarkus.redis.password or
     * quarkus.mailer.username); the checks below also require the manifests to set the secret ones from secrets.
     */
    static final Map<String, List<String>> ANNOUNCED_ENV = Map.of(
            "cases-service", Stream.concat(Stream.of("CASES_ENCRYPTION_KEYS", "CASES_ENCRYPTION_KEY_ID", "CASES_PSEUDONYM_KEYS", "CASES_PSEUDONYM_KEY_ID",
                    "CASES_NOTICES_SMS_TOKEN", "CASES_NOTICES_UNIT_WEBHOOK_SECRET", "CASES_NOTICES_WEBHOOK_ALLOWED_HOSTS"), MAILER_ENV.stream()).toList(),
            "grid-service", Stream.concat(Stream.of("GRID_ENCRYPTION_KEYS", "GRID_ENCRYPTION_KEY_ID",
                    "GRID_NOTICES_FROM", "GRID_NOTICES_SMS_URL", "GRID_NOTICES_SMS_TOKEN", "GRID_NOTICES_UNIT_WEBHOOK_SECRET", "GRID_WEBHOOKS_ALLOWED_HOSTS"), MAILER_ENV.stream()).toList(),
            "gateway", List.of("CIVIC_GATEWAY_REDIS_URL", "QUARKUS_REDIS_PASSWORD"));

    /** Variables whose value is a key or password: set from a Secret (k8s) or a ${VAR:?} without default (compose). */
    static final Map<String, List<String>> SECRET_ENV = Map.of(
            "cases-service", List.of("CASES_ENCRYPTION_KEYS", "CASES_ENCRYPTION_KEY_ID", "CASES_PSEUDONYM_KEYS", "CASES_PSEUDONYM_KEY_ID",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD", "CASES_NOTICES_SMS_TOKEN", "CASES_NOTICES_UNIT_WEBHOOK_SECRET"),
            "grid-service", List.of("GRID_ENCRYPTION_KEYS", "GRID_ENCRYPTION_KEY_ID", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD", "GRID_NOTICES_SMS_TOKEN", "GRID_NOTICES_UNIT_WEBHOOK_SECRET"),
            "assessment-service", List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"),
            "gateway", List.of("QUARKUS_REDIS_PASSWORD"));

    /** The services that send notices by e-mail and SMS (notices.md), with the prefix of their notice variables. */
    static final Map<String, String> NOTICE_SERVICES = Map.of("cases-service", "CASES", "grid-service", "GRID");

    /** Kafka versions the Strimzi 1.x operators support (1.0: 4.1.x, 4.2.0; 1.1/1.2: 4.2.x, 4.3.x). */
    static final Set<String> STRIMZI_KAFKA_VERSIONS = Set.of("4.1.0", "4.1.1", "4.1.2", "4.2.0", "4.2.1", "4.3.0", "4.3.1");

    static final String REDIS = "civicsafety-redis";

    final Path root;
    final boolean requirePackaged;
    int passed, failed, warned;
    final Map<String, Set<String>> knownEnv = new HashMap<>();
    final Map<String, List<String[]>> mappingLeaves = new HashMap<>(); // service -> [envPrefix, leafEnv]
    final Map<String, Properties> props = new HashMap<>();
    final Set<String> expectedTopics = new TreeSet<>();
    final Set<String> dlqTopics = new TreeSet<>();
    /** Rendered Kustomize trees by label (base, overlays/x), for the secret scan. */
    final Map<String, List<Res>> rendered = new LinkedHashMap<>();
    /** Secrets the operator creates by hand (deploy/README.md): name -> keys its kubectl create command sets. */
    final Map<String, Set<String>> operatorSecrets = new TreeMap<>();

    DeployCheck(Path root, boolean requirePackaged) {
        this.root = root;
        this.requirePackaged = requirePackaged;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean strict = Arrays.asList(args).contains("--require-packaged");
        DeployCheck c = new DeployCheck(root, strict);
        long t0 = System.nanoTime();
        c.run();
        System.out.printf("%n%d warnings, %.1f s%n%d checks passed, %d failed%n",
                c.warned, (System.nanoTime() - t0) / 1e9, c.passed, c.failed);
        System.exit(c.failed == 0 ? 0 : 1);
    }

    // ------------------------------------------------------------------ reporting
    void section(String s) { System.out.println("\n== " + s); }

    boolean check(boolean ok, String what) {
        if (ok) { passed++; System.out.println("  ok    " + what); }
        else { failed++; System.out.println("  FAIL  " + what); }
        return ok;
    }

    void warn(String what) { warned++; System.out.println("  warn  " + what); }

    void note(String what) { System.out.println("  note  " + what); }

    // ------------------------------------------------------------------ helpers
    static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        o.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(o));
    }

    List<Object> loadAll(Path p) throws IOException {
        List<Object> out = new ArrayList<>();
        for (Object d : yaml().loadAll(Files.readString(p))) if (d != null) out.add(d);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) { return o instanceof Map ? (Map<String, Object>) o : Map.of(); }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) { return o instanceof List ? (List<Object>) o : List.of(); }

    static Object at(Object o, String... path) {
        for (String k : path) {
            if (o instanceof Map<?, ?> m) o = m.get(k);
            else if (o instanceof List<?> l && k.matches("\\d+") && Integer.parseInt(k) < l.size()) o = l.get(Integer.parseInt(k));
            else return null;
        }
        return o;
    }

    static String str(Object o) { return o == null ? null : String.valueOf(o); }

    String rel(Path p) { return root.relativize(p.toAbsolutePath().normalize()).toString(); }

    static String toEnv(String key) { return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"); }

    static String kebabToEnv(String camelOrKebab) {
        return toEnv(camelOrKebab.replaceAll("([a-z0-9])([A-Z])", "$1-$2"));
    }

    Svc svc(String name) { return SERVICES.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null); }

    // ------------------------------------------------------------------ run
    void run() throws Exception {
        System.out.println("Deployment checks (offline: no Docker, no cluster) in " + root);
        learnServices();
        checkDockerfiles();
        checkCompose();
        checkKubernetes();
        checkObservability();
        checkNoSecretValues();
    }

    /** What each service can be configured with, and the topics it names. */
    void learnServices() throws IOException {
        section("service configuration (what environment variables may name)");
        Map<String, Set<String>> platformEnv = platformScriptEnv();
        Pattern ref = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
        Pattern topic = Pattern.compile("\"(civicsafety\\.[a-z0-9-]+\\.v\\d+)\"|=(civicsafety\\.[a-z0-9-]+\\.v\\d+)\\s*$", Pattern.MULTILINE);
        for (Svc s : SERVICES) {
            Path pf = root.resolve(s.name + "/src/main/resources/application.properties");
            Set<String> env = new TreeSet<>(STANDARD_ENV);
            Properties p = new Properties();
            if (check(Files.isRegularFile(pf), s.name + ": application.properties exists")) {
                String text = Files.readString(pf);
                try (var r = Files.newBufferedReader(pf)) { p.load(r); }
                for (String k : p.stringPropertyNames()) {
                    if (k.startsWith("%") && !k.startsWith("%prod.")) continue;
                    env.add(toEnv(k.startsWith("%prod.") ? k.substring(6) : k));
                }
                Matcher m = ref.matcher(text);
                while (m.find()) env.add(m.group(1));
                // topics named by the running configuration (not by %test/%dev profile lines)
                String prodLines = Arrays.stream(text.split("\n"))
                        .filter(l -> !l.startsWith("%") || l.startsWith("%prod.")).collect(Collectors.joining("\n"));
                Matcher t = topic.matcher(prodLines);
                while (t.find()) expectedTopics.add(t.group(1) != null ? t.group(1) : t.group(2));
            }
            props.put(s.name, p);
            for (String v : ANNOUNCED_ENV.getOrDefault(s.name, List.of())) {
                // a standard property of an extension the service configures (QUARKUS_MAILER_PASSWORD: quarkus.mailer.*)
                String extension = v.startsWith("QUARKUS_") ? "quarkus." + v.split("_")[1].toLowerCase(Locale.ROOT) + "." : null;
                boolean named = env.contains(v) || (extension != null && p.stringPropertyNames().stream().anyMatch(k -> k.startsWith(extension)));
                if (!named) note(s.name + ": " + v + " is not named by its application.properties (yet): accepted as announced in issues 12 and 16 (a @ConfigMapping leaf or standard Quarkus property)");
                env.add(v);
            }
            env.addAll(platformEnv.getOrDefault("*", Set.of()));
            env.addAll(platformEnv.getOrDefault(s.name.equals("gateway") ? "gateway" : "service", Set.of()));
            knownEnv.put(s.name, env);
            // @ConfigMapping interfaces: prefix + leaf names (method names in kebab case or @WithName)
            List<String[]> leaves = new ArrayList<>();
            Path src = root.resolve(s.name + "/src/main/java");
            if (Files.isDirectory(src)) {
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                        String java = Files.readString(f);
                        Matcher t = topic.matcher(java);
                        while (t.find()) if (t.group(1) != null) expectedTopics.add(t.group(1));
                        Matcher cm = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"").matcher(java);
                        if (!cm.find()) continue;
                        String prefix = toEnv(cm.group(1));
                        Matcher meth = Pattern.compile("(?:@WithName\\(\"([^\"]+)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*)?[\\w<>,.? ]+\\s(\\w+)\\(\\)\\s*;").matcher(java);
                        while (meth.find()) leaves.add(new String[] {prefix, meth.group(1) != null ? toEnv(meth.group(1)) : kebabToEnv(meth.group(2))});
                    }
                }
            }
            mappingLeaves.put(s.name, leaves);
            check(env.contains("QUARKUS_HTTP_PORT") && String.valueOf(s.port).equals(p.getProperty("quarkus.http.port", String.valueOf(s.port))),
                    s.name + ": port " + s.port + " (quarkus.http.port " + p.getProperty("quarkus.http.port", "unset") + ")");
        }
        // The event topics of the platform script are the contract's; each has a .dlq twin.
        Path script = root.resolve("deploy/platform");
        Matcher tm = Pattern.compile("^TOPICS=\\(([^)]*)\\)", Pattern.MULTILINE).matcher(Files.readString(script));
        if (!tm.find()) {
            warn("deploy/platform declares no TOPICS=(...) any more: topics come from the services' configuration only, .dlq twins unchecked");
        } else {
            note("deploy/platform declares the event topics (TOPICS=...)");
            for (String t : tm.group(1).trim().split("\\s+")) {
                expectedTopics.add(t);
                dlqTopics.add(t + ".dlq");
            }
        }
        expectedTopics.removeIf(t -> t.endsWith(".dlq"));
        note("topics the services and the platform script name: " + expectedTopics + " (+ .dlq twins of the event topics)");
        note("standard Quarkus/run-java variables accepted everywhere: " + new TreeSet<>(STANDARD_ENV));
    }

    /** Environment variable names deploy/platform passes, by service kind ("*" common, "gateway", "service"). */
    Map<String, Set<String>> platformScriptEnv() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        String text = Files.readString(root.resolve("deploy/platform"));
        int start = text.indexOf("service_env()");
        if (start < 0) {
            warn("deploy/platform has no service_env any more: the variables it passes are not known here");
            return out;
        }
        note("deploy/platform has service_env (the environment the services run with)");
        int end = text.indexOf("\n}", start);
        String kind = "*";
        for (String line : text.substring(start, end).split("\n")) {
            String l = line.trim();
            if (l.startsWith("gateway)")) kind = "gateway";
            else if (l.startsWith("*)")) kind = "service";
            else if (l.equals("esac")) kind = "*";
            Matcher m = Pattern.compile("echo \"([A-Z][A-Z0-9_]*)=").matcher(l);
            if (m.find()) out.computeIfAbsent(kind, k -> new TreeSet<>()).add(m.group(1));
        }
        return out;
    }

    boolean envKnown(String service, String var) {
        if (knownEnv.getOrDefault(service, Set.of()).contains(var)) return true;
        for (String[] leaf : mappingLeaves.getOrDefault(service, List.of())) {
            if (var.startsWith(leaf[0] + "_") && (var.equals(leaf[0] + "_" + leaf[1]) || var.endsWith("_" + leaf[1]))) return true;
        }
        return false;
    }

    void checkEnv(String where, String service, Collection<String> vars) {
        List<String> unknown = vars.stream().filter(v -> !envKnown(service, v)).sorted().toList();
        check(unknown.isEmpty(), where + ": environment variables exist in " + service + "'s configuration"
                + (unknown.isEmpty() ? " (" + vars.size() + ")" : " — unknown: " + unknown));
    }

    // ------------------------------------------------------------------ Dockerfiles
    /** The JVM flags every packaged service runs with (root pom), which the image must use too. */
    String serviceJvmFlags() throws IOException {
        Matcher m = Pattern.compile("<civic.service.jvm>([^<]*)</civic.service.jvm>").matcher(Files.readString(root.resolve("pom.xml")));
        return m.find() ? m.group(1).trim() : "(civic.service.jvm missing from pom.xml)";
    }

    void checkDockerfiles() throws IOException {
        section("image definitions (<service>/src/main/docker/Dockerfile.jvm)");
        for (Svc s : SERVICES) {
            Path df = root.resolve(s.name + "/src/main/docker/Dockerfile.jvm");
            if (!check(Files.isRegularFile(df), s.name + ": Dockerfile.jvm exists")) continue;
            List<String[]> ins = dockerInstructions(Files.readString(df));
            Map<String, List<String>> by = new HashMap<>();
            for (String[] i : ins) by.computeIfAbsent(i[0], k -> new ArrayList<>()).add(i[1]);
            String from = by.getOrDefault("FROM", List.of("")).get(0);
            check(from.matches("\\S+(:[\\w.-]*\\d[\\w.-]*|@sha256:[0-9a-f]{64})") && !from.endsWith(":latest"),
                    s.name + ": base image pinned to a version (" + from + ")");
            check(from.contains(":25"), s.name + ": base image is a Java 25 runtime (" + from + ")");
            // The AOT cache: made in the image by its own JVM, with the production flags, and used by the entry point.
            String run = String.join(" ", by.getOrDefault("RUN", List.of()));
            check(run.contains("-XX:AOTCacheOutput=app.aot"), s.name + ": the image trains its own AOT cache (RUN ... -XX:AOTCacheOutput=app.aot)");
            String entrypoint = String.join(" ", by.getOrDefault("ENTRYPOINT", List.of()));
            check(entrypoint.contains("-XX:AOTCache=/deployments/app.aot"), s.name + ": the entry point runs with the AOT cache");
            // COPY sources: the fast-jar layout under target/quarkus-app, relative to the module (the build context).
            Path app = root.resolve(s.name + "/target/quarkus-app");
            boolean packaged = Files.isRegularFile(app.resolve("quarkus-run.jar"));
            Set<String> copied = new TreeSet<>();
            Map<String, String> dest = new HashMap<>();
            for (String c : by.getOrDefault("COPY", List.of())) {
                List<String> parts = Arrays.stream(c.split("\\s+")).filter(x -> !x.startsWith("--")).toList();
                for (String src : parts.subList(0, parts.size() - 1)) {
                    String norm = src.replaceAll("/$", "");
                    check(norm.startsWith("target/quarkus-app/"), s.name + ": COPY " + src + " comes from target/quarkus-app");
                    String entry = norm.substring(Math.min(norm.length(), "target/quarkus-app/".length()));
                    copied.add(entry);
                    dest.put(entry, parts.get(parts.size() - 1));
                    if (packaged) check(Files.exists(root.resolve(s.name).resolve(norm)), s.name + ": " + src + " exists in the packaged application");
                }
            }
            check(copied.containsAll(FAST_JAR), s.name + ": copies the whole fast-jar layout " + FAST_JAR + " (copies " + copied + ")");
            if (!packaged) {
                if (requirePackaged) check(false, s.name + ": target/quarkus-app/quarkus-run.jar exists (run ./mvnw package first)");
                else warn(s.name + ": not packaged yet (no target/quarkus-app): COPY paths checked against the fast-jar layout names only; `--require-packaged` makes this a failure");
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String e : by.getOrDefault("ENV", List.of())) {
                Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S+)").matcher(e);
                while (m.find()) env.put(m.group(1), m.group(2).replaceAll("^[\"']|[\"']$", ""));
            }
            check(env.getOrDefault("JDK_JAVA_OPTIONS", "").startsWith(serviceJvmFlags()),
                    s.name + ": JDK_JAVA_OPTIONS starts with the root pom's civic.service.jvm flags (" + serviceJvmFlags() + ")");
            String jar = env.getOrDefault("JAVA_APP_JAR", "");
            String runJarDest = dest.getOrDefault("quarkus-run.jar", "");
            check(!jar.isEmpty() && (runJarDest.equals(jar) || (runJarDest.endsWith("/") && jar.equals(runJarDest + "quarkus-run.jar"))),
                    s.name + ": JAVA_APP_JAR " + jar + " is where quarkus-run.jar is copied (" + runJarDest + ")");
            check(String.valueOf(s.port).equals(env.get("QUARKUS_HTTP_PORT")), s.name + ": ENV QUARKUS_HTTP_PORT=" + env.get("QUARKUS_HTTP_PORT"));
            check("0.0.0.0".equals(env.get("QUARKUS_HTTP_HOST")), s.name + ": listens on all interfaces in the container (QUARKUS_HTTP_HOST=0.0.0.0)");
            checkEnv(s.name + " Dockerfile ENV", s.name, env.keySet());
            List<String> expose = by.getOrDefault("EXPOSE", List.of());
            check(expose.stream().anyMatch(x -> x.split("[\\s/]")[0].equals(String.valueOf(s.port))), s.name + ": EXPOSE " + s.port + " " + expose);
            List<String> user = by.getOrDefault("USER", List.of());
            String lastUser = user.isEmpty() ? "" : user.get(user.size() - 1).split(":")[0];
            check(!lastUser.isEmpty() && !lastUser.equals("0") && !lastUser.equals("root"), s.name + ": runs as a non-root user (USER " + lastUser + ")");
            String hc = String.join(" ", by.getOrDefault("HEALTHCHECK", List.of()));
            check(hc.contains("/q/health/ready") || hc.contains("/q/health/live"), s.name + ": HEALTHCHECK probes /q/health/*");
            check(by.containsKey("ENTRYPOINT") || by.containsKey("CMD"), s.name + ": has an ENTRYPOINT/CMD");
            check(by.keySet().stream().noneMatch(k -> k.equals("ADD")), s.name + ": no ADD (explicit COPY only)");
        }
    }

    static List<String[]> dockerInstructions(String text) {
        List<String[]> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (cur.length() == 0 && (t.isEmpty() || t.startsWith("#"))) continue;
            if (t.startsWith("#")) continue;
            if (t.endsWith("\\")) { cur.append(t, 0, t.length() - 1).append(' '); continue; }
            cur.append(t);
            String full = cur.toString().strip();
            cur.setLength(0);
            int sp = full.indexOf(' ');
            out.add(new String[] {full.substring(0, sp < 0 ? full.length() : sp).toUpperCase(Locale.ROOT), sp < 0 ? "" : full.substring(sp + 1).strip()});
        }
        return out;
    }

    // ------------------------------------------------------------------ compose
    void checkCompose() throws IOException {
        section("docker compose (deploy/compose/compose.yaml)");
        Path dir = root.resolve("deploy/compose");
        Path file = dir.resolve("compose.yaml");
        if (!check(Files.isRegularFile(file), "compose.yaml exists")) return;
        Map<String, Object> doc;
        try {
            doc = map(loadAll(file).get(0));
            check(true, "compose.yaml parses as YAML (anchors and merge keys resolved)");
        } catch (Exception e) {
            check(false, "compose.yaml parses as YAML: " + e.getMessage());
            return;
        }
        Map<String, Object> services = map(doc.get("services"));
        for (String need : List.of("postgres", "kafka", "kafka-topics"))
            check(services.containsKey(need), "service " + need + " is defined");
        for (var e : services.entrySet()) {
            Map<String, Object> def = map(e.getValue());
            String image = str(def.get("image"));
            if (def.containsKey("build")) continue;
            check(image != null && image.matches("[^:]+:[\\w.-]*\\d[\\w.-]*") && !image.endsWith(":latest"),
                    e.getKey() + ": image pinned (" + image + ")");
        }
        String pgImage = str(at(services, "postgres", "image"));
        check(pgImage != null && pgImage.contains("postgis"), "postgres uses a PostGIS image (" + pgImage + ")");
        Map<String, Object> kenv = map(at(services, "kafka", "environment"));
        check(String.valueOf(kenv.get("KAFKA_PROCESS_ROLES")).contains("controller") && !kenv.containsKey("KAFKA_ZOOKEEPER_CONNECT"),
                "kafka runs in KRaft mode (process.roles includes controller, no ZooKeeper)");
        for (var e : services.entrySet()) {
            for (Object v : list(map(e.getValue()).get("volumes"))) {
                String vs = str(v);
                if (vs.startsWith("./") || vs.startsWith("../")) {
                    Path src = dir.resolve(vs.split(":")[0]).normalize();
                    check(Files.exists(src), e.getKey() + ": bind-mounted " + rel(src) + " exists");
                }
            }
        }
        // Databases and extensions of the init script; topics of the topic job.
        String init = readIfExists(dir.resolve("initdb/20-civicsafety.sh"));
        for (Svc s : SERVICES) if (s.db != null)
            check(init.matches("(?s).*for db in [^;\\n]*\\b" + s.db + "\\b.*"), "init script creates database " + s.db);
        check(init.contains("postgis") && init.contains("pg_trgm"), "init script creates the postgis and pg_trgm extensions");
        String topicsScript = readIfExists(dir.resolve("create-topics.sh"));
        Set<String> created = composeTopics(topicsScript);
        Set<String> want = new TreeSet<>(expectedTopics);
        want.addAll(dlqTopics);
        check(created.containsAll(want), "topic job creates every topic " + (created.containsAll(want) ? "(" + want.size() + ")" : "— missing " + minus(want, created)));
        check(topicsScript.contains("cleanup.policy=compact") && topicsScript.matches("(?s).*civicsafety\\.areas\\.v1.*compact.*"), "topic job compacts civicsafety.areas.v1");
        check(topicsScript.matches("(?s).*civicsafety\\.units\\.v1.*compact.*"), "topic job compacts civicsafety.units.v1");
        check(topicsScript.matches("(?s).*civicsafety\\.gateway-keys\\.v1 --config cleanup\\.policy=compact.*"), "topic job compacts civicsafety.gateway-keys.v1");
        check(topicsScript.contains("TOPIC_PARTITIONS:-6"), "topic job uses 6 partitions by default");

        for (Svc s : SERVICES) {
            Map<String, Object> def = map(services.get(s.name));
            if (!check(!def.isEmpty(), s.name + ": defined")) continue;
            Path ctx = dir.resolve(str(at(def, "build", "context"))).normalize();
            check(ctx.equals(root.resolve(s.name)), s.name + ": build context is the module directory (" + rel(ctx) + ")");
            check(Files.isRegularFile(ctx.resolve(str(at(def, "build", "dockerfile")))), s.name + ": build.dockerfile exists (" + at(def, "build", "dockerfile") + ")");
            String img = interpolate(str(def.get("image")));
            check(img != null && img.replaceAll(":.*", "").endsWith("/" + s.name), s.name + ": image name ends with /" + s.name + " (" + img + ")");
            boolean gateway = s.name.equals("gateway");
            if (gateway) {
                List<Object> ports = list(def.get("ports"));
                check(ports.size() == 1 && str(ports.get(0)).endsWith(":" + s.port), "gateway publishes its port " + s.port + " to the host " + ports);
            } else {
                check(!def.containsKey("ports"), s.name + ": publishes no host port (scalable: docker compose up --scale " + s.name + "=3)");
                check(!def.containsKey("container_name"), s.name + ": no container_name (scalable)");
                check(list(def.get("expose")).stream().map(String::valueOf).anyMatch(p -> p.equals(String.valueOf(s.port))), s.name + ": exposes " + s.port + " on the compose network");
            }
            Map<String, Object> env = map(def.get("environment"));
            checkEnv("compose " + s.name, s.name, env.keySet());
            check(String.valueOf(s.port).equals(str(env.get("QUARKUS_HTTP_PORT"))), s.name + ": QUARKUS_HTTP_PORT=" + env.get("QUARKUS_HTTP_PORT"));
            check("0.0.0.0".equals(str(env.get("QUARKUS_HTTP_HOST"))), s.name + ": QUARKUS_HTTP_HOST=0.0.0.0");
            String kafka = str(env.get("KAFKA_BOOTSTRAP_SERVERS"));
            check(kafka != null && services.containsKey(kafka.split(":")[0]) && kafka.endsWith(":9092"), s.name + ": KAFKA_BOOTSTRAP_SERVERS names the kafka service (" + kafka + ")");
            if (s.db != null) {
                String url = str(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
                check(url != null && url.equals("jdbc:postgresql://postgres:5432/" + s.db), s.name + ": JDBC URL points at its own database (" + url + ")");
                check(env.containsKey("QUARKUS_DATASOURCE_USERNAME") && env.containsKey("QUARKUS_DATASOURCE_PASSWORD"), s.name + ": database credentials from the environment");
                check("service_healthy".equals(at(def, "depends_on", "postgres", "condition")), s.name + ": waits for postgres healthy");
            }
            // keys and passwords: set, and only from a variable without default (compose stops when it is missing)
            for (String v : SECRET_ENV.getOrDefault(s.name, List.of())) {
                if (v.equals("QUARKUS_DATASOURCE_USERNAME")) { check(env.containsKey(v), s.name + ": " + v + " is set"); continue; }
                String val = str(env.get(v));
                check(val != null && val.matches("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}"), s.name + ": " + v + " is required from the environment (${VAR:?message}, no default)" + (val == null ? " — not set" : ""));
            }
            check("service_completed_successfully".equals(at(def, "depends_on", "kafka-topics", "condition")), s.name + ": waits for the topic job to finish");
            Object hcTest = at(def, "healthcheck", "test");
            check(String.valueOf(hcTest).contains("/q/health/ready") && String.valueOf(hcTest).contains(String.valueOf(s.port)),
                    s.name + ": healthcheck probes /q/health/ready on " + s.port);
            // secrets mounted where the env says
            Map<String, String> mounted = new HashMap<>();
            for (Object sec : list(def.get("secrets"))) mounted.put(str(at(sec, "target")), str(at(sec, "source")));
            String jwks = str(env.get("CIVIC_JWT_KEYS"));
            check(jwks != null && mounted.containsKey(jwks), s.name + ": CIVIC_JWT_KEYS " + jwks + " is a mounted secret");
            if (gateway) {
                String key = str(env.get("CIVIC_GATEWAY_SIGNING_KEY"));
                check(key != null && mounted.containsKey(key), "gateway: CIVIC_GATEWAY_SIGNING_KEY " + key + " is a mounted secret");
                // shared rate limits: the compose Redis, with the password Redis requires
                String redisUrl = str(env.get("CIVIC_GATEWAY_REDIS_URL"));
                Matcher ru = Pattern.compile("rediss?://([a-z0-9-]+):(\\d+)").matcher(redisUrl == null ? "" : redisUrl);
                Map<String, Object> redisDef = ru.matches() ? map(services.get(ru.group(1))) : Map.of();
                check(!redisDef.isEmpty() && "6379".equals(ru.group(2)), "gateway: CIVIC_GATEWAY_REDIS_URL " + redisUrl + " names a compose service on 6379");
                if (!redisDef.isEmpty()) {
                    List<String> cmd = list(redisDef.get("command")).stream().map(String::valueOf).toList();
                    int rp = cmd.indexOf("--requirepass");
                    String required = rp >= 0 && rp + 1 < cmd.size() ? cmd.get(rp + 1) : null;
                    check(str(redisDef.get("image")) != null && str(redisDef.get("image")).startsWith("redis:"), "redis: a redis image (" + redisDef.get("image") + ")");
                    check(required != null && varName(required) != null && varName(required).equals(varName(str(env.get("QUARKUS_REDIS_PASSWORD")))),
                            "redis: --requirepass and the gateway's QUARKUS_REDIS_PASSWORD come from the same variable (" + varName(required) + ")");
                    check(cmd.contains("--save") && "".equals(cmd.get(cmd.indexOf("--save") + 1)), "redis: no persistence (--save '')");
                    check(String.valueOf(at(redisDef, "healthcheck", "test")).contains("ping"), "redis: healthcheck pings it");
                    check("service_healthy".equals(at(def, "depends_on", ru.group(1), "condition")), "gateway: waits for redis healthy");
                }
                for (Svc up : SERVICES) {
                    if (up.db == null) continue;
                    String var = "CIVIC_GATEWAY_" + up.db.toUpperCase(Locale.ROOT) + "_URLS";
                    String v = str(env.get(var));
                    check(("http://" + up.name + ":" + up.port).equals(v), "gateway: " + var + " is the compose service name of " + up.name + " (" + v + ")");
                    check("service_healthy".equals(at(def, "depends_on", up.name, "condition")), "gateway: waits for " + up.name + " healthy");
                }
            }
        }
        checkComposeObservability(dir);
        // every variable compose requires (${VAR:?}) is one make-env.sh writes
        Set<String> required = new TreeSet<>();
        for (String f : List.of("compose.yaml", "compose.observability.yaml")) {
            Matcher rq = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?").matcher(Files.isRegularFile(dir.resolve(f)) ? Files.readString(dir.resolve(f)) : "");
            while (rq.find()) required.add(rq.group(1));
        }
        String makeEnv = readIfExists(dir.resolve("make-env.sh"));
        checkComposeNotices(services, makeEnv);
        Set<String> written = new TreeSet<>();
        Matcher wm = Pattern.compile("^([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE).matcher(makeEnv);
        while (wm.find()) written.add(wm.group(1));
        check(!required.isEmpty() && written.containsAll(required), "make-env.sh writes every variable compose requires " + required
                + (written.containsAll(required) ? "" : " — missing " + minus(required, written)));
        check(makeEnv.contains("openssl rand") && makeEnv.contains("genpkey"), "make-env.sh generates random values (openssl rand) and the gateway key pair (openssl genpkey)");
        String ignore = Files.isRegularFile(dir.resolve(".gitignore")) ? Files.readString(dir.resolve(".gitignore")) : "";
        check(ignore.lines().anyMatch(l -> l.trim().equals(".env") || l.trim().equals("/.env")) && ignore.lines().anyMatch(l -> l.trim().matches("/?keys/?")),
                "deploy/compose/.gitignore ignores .env and keys/ (what make-env.sh writes)");
        Map<String, Object> secrets = map(doc.get("secrets"));
        for (var e : secrets.entrySet()) {
            String f = str(at(e.getValue(), "file"));
            if (f == null) continue;
            check(!f.contains("dev-keys"), "secret " + e.getKey() + ": not from deploy/dev-keys (" + f + ")");
            if (f.matches(".*\\$\\{[A-Z0-9_]+:\\?.*")) {
                // no default on purpose: make-env.sh writes the folder into .env
                Path envFile = dir.resolve(".env");
                String keysDir = Files.isRegularFile(envFile) ? Files.readAllLines(envFile).stream().filter(l -> l.startsWith(varName(f) + "="))
                        .map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst().orElse(null) : null;
                if (keysDir == null) note("secret " + e.getKey() + ": " + f + " has no default (set by ./make-env.sh in .env, git-ignored)");
                else check(Files.isRegularFile(dir.resolve(f.replaceAll("\\$\\{[^}]*}", keysDir)).normalize()), "secret " + e.getKey() + ": file in " + keysDir + " (from .env) exists");
                continue;
            }
            Path p = dir.resolve(interpolate(f)).normalize();
            check(Files.isRegularFile(p), "secret " + e.getKey() + ": default file " + rel(p) + " exists");
        }
    }

    /**
     * Notices on one host: both services name the SMTP relay and the SMS provider; the stand-ins (GreenMail as
     * the SMTP server, WireMock as the SMS API) start only with the profile make-env.sh enables, publish on
     * loopback only, and are what make-env.sh's provider settings name (host, port, the mapped SMS path).
     */
    void checkComposeNotices(Map<String, Object> services, String makeEnv) throws IOException {
        Map<String, String> written = new HashMap<>();
        Matcher wm = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$", Pattern.MULTILINE).matcher(makeEnv);
        while (wm.find()) written.put(wm.group(1), wm.group(2).trim());
        Map<String, String> provider = new HashMap<>(); // container variable -> what make-env.sh writes for it
        for (var ns : NOTICE_SERVICES.entrySet()) {
            Map<String, Object> env = map(at(services, ns.getKey(), "environment"));
            String smsUrl = ns.getValue() + "_NOTICES_SMS_URL";
            List<String> missing = Stream.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_START_TLS", smsUrl)
                    .filter(v -> env.get(v) == null).toList();
            check(missing.isEmpty(), ns.getKey() + ": names the SMTP relay and the SMS provider" + (missing.isEmpty() ? "" : " — not set: " + missing));
            for (String v : List.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_START_TLS", smsUrl))
                provider.put(v.equals(smsUrl) ? "SMS_URL" : v, written.get(varName(str(env.get(v)))));
        }
        String profiles = written.getOrDefault("COMPOSE_PROFILES", "");
        for (String standIn : List.of("mail", "sms")) {
            Map<String, Object> def = map(services.get(standIn));
            if (!check(!def.isEmpty(), "notice stand-in " + standIn + " is defined")) continue;
            List<String> own = list(def.get("profiles")).stream().map(String::valueOf).toList();
            check(own.size() == 1 && Arrays.asList(profiles.split(",")).contains(own.get(0)),
                    standIn + ": starts only with its profile " + own + ", which make-env.sh enables (COMPOSE_PROFILES=" + profiles + ")");
            check(!list(def.get("ports")).isEmpty() && list(def.get("ports")).stream().allMatch(pt -> str(pt).startsWith("127.0.0.1:")),
                    standIn + ": its API on loopback only " + def.get("ports"));
        }
        String greenmail = String.valueOf(at(services, "mail", "environment", "GREENMAIL_OPTS"));
        check("mail".equals(provider.get("QUARKUS_MAILER_HOST")) && "3025".equals(provider.get("QUARKUS_MAILER_PORT"))
                        && greenmail.contains("greenmail.setup.test.smtp") && "DISABLED".equals(provider.get("QUARKUS_MAILER_START_TLS")),
                "make-env.sh: the SMTP relay is the stand-in's plain SMTP mail:3025 (" + provider.get("QUARKUS_MAILER_HOST") + ":" + provider.get("QUARKUS_MAILER_PORT")
                        + ", STARTTLS " + provider.get("QUARKUS_MAILER_START_TLS") + ")");
        String mapped = null;
        for (Object v : list(at(services, "sms", "volumes"))) {
            String[] parts = str(v).split(":");
            Path mapping = root.resolve("deploy/compose").resolve(parts[0]).normalize();
            if (parts.length > 1 && parts[1].startsWith("/home/wiremock/mappings/") && Files.isRegularFile(mapping))
                mapped = str(at(yaml().load(Files.readString(mapping)), "request", "url"));
        }
        String smsUrl = provider.get("SMS_URL");
        check(mapped != null && ("http://sms:8080" + mapped).equals(smsUrl),
                "make-env.sh: the SMS provider is the stand-in's mapped endpoint (" + smsUrl + ", mapping " + mapped + ")");
    }

    /** The optional Prometheus + Grafana add-on file: pinned images, mounted files exist, loopback-only ports. */
    void checkComposeObservability(Path dir) {
        Path file = dir.resolve("compose.observability.yaml");
        if (!Files.isRegularFile(file)) return;
        Map<String, Object> doc;
        try {
            doc = map(loadAll(file).get(0));
            check(true, "compose.observability.yaml parses as YAML");
        } catch (Exception e) {
            check(false, "compose.observability.yaml parses as YAML: " + e.getMessage());
            return;
        }
        for (var e : map(doc.get("services")).entrySet()) {
            Map<String, Object> def = map(e.getValue());
            String image = str(def.get("image"));
            check(image != null && image.matches("[^:]+:v?\\d[\\w.-]*") && !image.endsWith(":latest"), "observability " + e.getKey() + ": image pinned (" + image + ")");
            for (Object v : list(def.get("volumes"))) {
                String vs = str(v);
                if (vs.startsWith("./") || vs.startsWith("../")) {
                    Path src = dir.resolve(vs.split(":")[0]).normalize();
                    check(Files.exists(src), "observability " + e.getKey() + ": bind-mounted " + rel(src) + " exists");
                }
            }
            for (Object p : list(def.get("ports")))
                check(str(p).startsWith("127.0.0.1:"), "observability " + e.getKey() + ": port " + p + " on loopback only");
        }
        String prometheusConfig = String.valueOf(at(doc, "services", "prometheus", "command"));
        check(prometheusConfig.contains("/etc/prometheus/prometheus.yml"), "observability prometheus: runs deploy/observability/prometheus.yml (the compose scrape config)");
    }

    /** The variable a compose value ${VAR...} (or a Kubernetes $(VAR)) refers to; null for a literal. */
    static String varName(String v) {
        if (v == null) return null;
        Matcher m = Pattern.compile("\\$[{(]([A-Za-z_][A-Za-z0-9_]*)").matcher(v);
        return m.find() ? m.group(1) : null;
    }

    /** Compose variable defaults: ${VAR:-default} and ${VAR-default} become the default. */
    static String interpolate(String s) {
        return s == null ? null : s.replaceAll("\\$\\{[A-Z0-9_]+:?-([^}]*)}", "$1");
    }

    static Set<String> composeTopics(String script) {
        Set<String> out = new TreeSet<>();
        Matcher loop = Pattern.compile("for t in ([^;\\n]+);").matcher(script);
        if (loop.find()) {
            for (String t : loop.group(1).trim().split("\\s+")) {
                out.add(t);
                if (script.contains("create \"$t.dlq\"")) out.add(t + ".dlq");
            }
        }
        Matcher lit = Pattern.compile("^\\s*create (civicsafety\\.[a-z0-9.-]+)", Pattern.MULTILINE).matcher(script);
        while (lit.find()) out.add(lit.group(1));
        return out;
    }

    String readIfExists(Path p) throws IOException {
        if (!check(Files.isRegularFile(p), rel(p) + " exists")) return "";
        return Files.readString(p);
    }

    static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> r = new TreeSet<>(a);
        r.removeAll(b);
        return r;
    }

    // ------------------------------------------------------------------ Kubernetes
    record Res(Map<String, Object> doc) {
        String kind() { return str(doc.get("kind")); }
        String name() { return str(at(doc, "metadata", "name")); }
        String apiVersion() { return str(doc.get("apiVersion")); }
    }

    /**
     * Renders deploy/k8s/base and every overlay with `kubectl kustomize` (kubectl's built-in Kustomize),
     * validates every rendered resource against the JSON schema of its apiVersion and kind kept in
     * deploy/checks/schemas (com.networknt json-schema-validator), then runs the project's cross-checks.
     */
    void checkKubernetes() throws IOException {
        section("Kubernetes (deploy/k8s rendered by kubectl kustomize, validated against deploy/checks/schemas)");
        Path k8s = root.resolve("deploy/k8s");
        learnOperatorSecrets();
        Map<String, Schema> schemas = loadSchemas(root.resolve("deploy/checks/schemas"));
        List<Path> trees = new ArrayList<>(List.of(k8s.resolve("base")));
        try (Stream<Path> s = Files.list(k8s.resolve("overlays"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().forEach(trees::add);
        }
        check(trees.stream().anyMatch(p -> p.endsWith("overlays/example")), "overlay 'example' exists");
        for (Path dir : trees) {
            String label = k8s.relativize(dir).toString();
            List<Res> built = kubectlKustomize(dir);
            if (built == null) continue;
            rendered.put(label, built);
            validateSchemas(label, built, schemas);
            checkK8sTree(label, built, !label.equals("base"));
        }
    }

    /** The rendered resources, or null (a failed check) when kubectl kustomize fails. */
    List<Res> kubectlKustomize(Path dir) {
        try {
            Process pr = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = pr.getInputStream().readAllBytes();
            String err = new String(pr.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check(pr.waitFor() == 0, "kubectl kustomize " + rel(dir) + (err.isEmpty() ? "" : ": " + err))) return null;
            List<Res> rs = new ArrayList<>();
            for (Object d : yaml().loadAll(new String(out, StandardCharsets.UTF_8))) if (d != null) rs.add(new Res(map(d)));
            check(!rs.isEmpty(), "kubectl kustomize " + rel(dir) + " renders " + rs.size() + " resources");
            return rs;
        } catch (IOException e) {
            check(false, "kubectl kustomize " + rel(dir) + " runs (is kubectl installed?): " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** deploy/checks/schemas/<group or core>/<version>/<Kind>.json by "apiVersion Kind". */
    Map<String, Schema> loadSchemas(Path dir) throws IOException {
        Map<String, Schema> out = new TreeMap<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json") && !dir.relativize(x).startsWith("generator")).sorted().toList()) {
                Path r = dir.relativize(f);
                if (r.getNameCount() != 3) continue;
                String group = r.getName(0).toString(), version = r.getName(1).toString();
                String kind = r.getName(2).toString().replaceFirst("\\.json$", "");
                out.put((group.equals("core") ? version : group + "/" + version) + " " + kind, registry.getSchema(Files.readString(f), InputFormat.JSON));
            }
        }
        check(!out.isEmpty(), "deploy/checks/schemas holds " + out.size() + " JSON schemas");
        return out;
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One check per rendered resource: it is valid against the schema of its apiVersion and kind. */
    void validateSchemas(String label, List<Res> rs, Map<String, Schema> schemas) {
        for (Res r : rs) {
            String what = label + ": " + r.apiVersion() + " " + r.kind() + "/" + r.name();
            Schema schema = schemas.get(r.apiVersion() + " " + r.kind());
            if (schema == null) {
                check(false, what + " — no JSON schema for " + r.apiVersion() + " " + r.kind() + " in deploy/checks/schemas (add it to schemas/generator and run schemas/refresh)");
                continue;
            }
            List<com.networknt.schema.Error> errors = schema.validate(JSON.valueToTree(r.doc));
            StringBuilder msg = new StringBuilder(what + " is valid against its schema");
            errors.stream().limit(8).forEach(e -> msg.append("\n          ").append(e));
            if (errors.size() > 8) msg.append("\n          ... ").append(errors.size() - 8).append(" more");
            check(errors.isEmpty(), msg.toString());
        }
    }

    /**
     * The Secrets deploy/README.md tells the operator to create ("kubectl ... create secret generic NAME
     * --from-literal=KEY=... --from-file=KEY=..."): a Deployment may read those, and only those keys.
     */
    void learnOperatorSecrets() throws IOException {
        String readme = Files.readString(root.resolve("deploy/README.md")).replaceAll("\\\\\n\\s*", " ");
        Matcher m = Pattern.compile("kubectl\\b[^\\n`]*?\\bcreate secret generic ([a-z0-9-]+)([^\\n`]*)").matcher(readme);
        while (m.find()) {
            Set<String> keys = operatorSecrets.computeIfAbsent(m.group(1), k -> new TreeSet<>());
            Matcher k = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=").matcher(m.group(2));
            while (k.find()) keys.add(k.group(1));
        }
        check(!operatorSecrets.isEmpty(), "deploy/README.md documents how to create the Secrets the operator provides: " + operatorSecrets);
    }

    /** A Secret a Deployment reads: in the tree, generated by CloudNativePG, or created by the operator as deploy/README.md says. */
    void checkSecretRef(String where, Set<String> treeSecrets, String name, String key) {
        if (treeSecrets.contains(name)) { check(true, where + " from Secret " + name + " (defined, or generated by a CloudNativePG Cluster)"); return; }
        Set<String> keys = operatorSecrets.get(name);
        check(keys != null && (key == null || keys.contains(key)), where + " from Secret " + name + (key == null ? "" : " key " + key)
                + " created by the operator as deploy/README.md documents" + (keys == null ? " — no `kubectl create secret generic " + name + "` there" : key != null && !keys.contains(key) ? " — its command sets only " + keys : ""));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Res r) {
        Object cs = at(r.doc, "spec", "template", "spec", "containers");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : list(cs)) out.add((Map<String, Object>) c);
        return out;
    }

    /** The Redis of the gateways' shared rate limits: Deployment + Service, password from the same Secret key. */
    void checkK8sRedis(String p, List<Res> rs, Map<String, String> gatewayEnv, Map<String, String> gatewaySecretEnv) {
        Res dep = find(rs, "Deployment", REDIS), svc = find(rs, "Service", REDIS);
        if (!check(dep != null && svc != null, p + "Redis for the shared rate limits: Deployment and Service " + REDIS)) return;
        String url = gatewayEnv.get("CIVIC_GATEWAY_REDIS_URL");
        boolean portOk = list(at(svc.doc, "spec", "ports")).stream().anyMatch(pt -> "6379".equals(str(at(pt, "port"))));
        check(url != null && url.matches("rediss?://" + REDIS + "(\\.[a-z0-9.-]+)?:6379") && portOk, p + "gateway: CIVIC_GATEWAY_REDIS_URL=" + url + " is the Service " + REDIS + ":6379");
        List<Map<String, Object>> cs = containers(dep);
        if (!check(cs.size() == 1, p + REDIS + ": one container")) return;
        Map<String, Object> c = cs.get(0);
        check(str(c.get("image")) != null && str(c.get("image")).matches("(.+/)?redis:\\d[\\w.-]*"), p + REDIS + ": a pinned redis image (" + c.get("image") + ")");
        List<String> args = new ArrayList<>();
        list(c.get("command")).forEach(a -> args.add(String.valueOf(a)));
        list(c.get("args")).forEach(a -> args.add(String.valueOf(a)));
        int rp = args.indexOf("--requirepass");
        String passVar = rp >= 0 && rp + 1 < args.size() && args.get(rp + 1).matches("\\$\\(\\w+\\)") ? varName(args.get(rp + 1)) : null;
        Map<String, String> redisSecretEnv = new TreeMap<>();
        for (Object e : list(c.get("env"))) {
            String sk = str(at(e, "valueFrom", "secretKeyRef", "name"));
            if (sk != null) redisSecretEnv.put(str(at(e, "name")), sk + "/" + at(e, "valueFrom", "secretKeyRef", "key"));
        }
        String redisPass = passVar == null ? null : redisSecretEnv.get(passVar);
        check(redisPass != null, p + REDIS + ": --requirepass $(VAR) with VAR from a Secret (" + passVar + " = " + redisPass + ")");
        check(redisPass != null && redisPass.equals(gatewaySecretEnv.get("QUARKUS_REDIS_PASSWORD")), p + "gateway: QUARKUS_REDIS_PASSWORD is the Secret key Redis requires (" + gatewaySecretEnv.get("QUARKUS_REDIS_PASSWORD") + ")");
        check(args.contains("--save") && args.indexOf("--save") + 1 < args.size() && args.get(args.indexOf("--save") + 1).isEmpty(), p + REDIS + ": no persistence (--save '')");
        check(c.get("livenessProbe") != null && c.get("readinessProbe") != null, p + REDIS + ": liveness and readiness probes");
        check(at(c, "resources", "requests", "cpu") != null && at(c, "resources", "requests", "memory") != null && at(c, "resources", "limits", "memory") != null, p + REDIS + ": resource requests and a memory limit");
        Map<String, Object> podSec = map(at(dep.doc, "spec", "template", "spec", "securityContext"));
        Map<String, Object> cSec = map(c.get("securityContext"));
        Object uid = cSec.getOrDefault("runAsUser", podSec.get("runAsUser"));
        check((Boolean.TRUE.equals(podSec.get("runAsNonRoot")) || Boolean.TRUE.equals(cSec.get("runAsNonRoot"))) && uid != null && !"0".equals(str(uid))
                && Boolean.FALSE.equals(cSec.get("allowPrivilegeEscalation")), p + REDIS + ": non-root (uid " + uid + "), no privilege escalation");
        Map<String, Object> podLabels = map(at(dep.doc, "spec", "template", "metadata", "labels"));
        Map<String, Object> ssel = map(at(svc.doc, "spec", "selector"));
        check(!ssel.isEmpty() && podLabels.entrySet().containsAll(ssel.entrySet()), p + REDIS + ": Service selects the Redis pod");
    }

    /**
     * An environment's notice providers: an SMTP relay (not the loopback default) reached with TLS, the SMS
     * provider's https endpoint, written notices' verification URL on the public host of the Ingress, and no
     * webhook host exempt from the SSRF refusal.
     */
    void checkK8sNotices(String p, String service, Map<String, String> env, List<Res> rs) {
        String host = env.get("QUARKUS_MAILER_HOST");
        check(host != null && !host.isBlank() && !host.matches("127\\..*|localhost|::1"), p + service + ": QUARKUS_MAILER_HOST names the SMTP relay (" + host + ")");
        check("REQUIRED".equals(env.get("QUARKUS_MAILER_START_TLS")) || "true".equals(env.get("QUARKUS_MAILER_TLS")),
                p + service + ": mail to the relay is encrypted (QUARKUS_MAILER_START_TLS=" + env.get("QUARKUS_MAILER_START_TLS") + ")");
        String smsVar = NOTICE_SERVICES.get(service) + "_NOTICES_SMS_URL", sms = env.get(smsVar);
        check(sms != null && sms.startsWith("https://"), p + service + ": " + smsVar + " is the SMS provider's https endpoint (" + sms + ")");
        if (service.equals("cases-service")) {
            Set<String> hosts = rs.stream().filter(r -> "Ingress".equals(r.kind())).flatMap(r -> list(at(r.doc, "spec", "rules")).stream())
                    .map(rule -> str(at(rule, "host"))).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
            String verify = env.get("CASES_NOTICES_VERIFY_BASE_URL");
            check(verify != null && hosts.stream().anyMatch(h -> verify.equals("https://" + h)),
                    p + service + ": CASES_NOTICES_VERIFY_BASE_URL=" + verify + " is the public host of the Ingress " + hosts);
        } else {
            String allowed = env.get("GRID_WEBHOOKS_ALLOWED_HOSTS");
            check(allowed != null && allowed.isBlank(), p + service + ": GRID_WEBHOOKS_ALLOWED_HOSTS is set and empty (no webhook host exempt from the SSRF refusal)"
                    + (allowed == null ? " — not set" : " — " + allowed));
        }
    }

    Res find(List<Res> rs, String kind, String name) {
        return rs.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst().orElse(null);
    }

    void checkK8sTree(String label, List<Res> rs, boolean complete) {
        String p = label + ": ";
        Map<String, Long> dup = rs.stream().collect(Collectors.groupingBy(r -> r.kind() + "/" + r.name(), TreeMap::new, Collectors.counting()));
        dup.values().removeIf(n -> n == 1);
        check(dup.isEmpty(), p + "no resource defined twice" + (dup.isEmpty() ? "" : " " + dup.keySet()));
        Map<String, Map<String, Object>> configData = new HashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Res r : rs) {
            if ("ConfigMap".equals(r.kind())) configData.put(r.name(), map(r.doc.get("data")));
            if ("Secret".equals(r.kind())) secrets.add(r.name());
            if ("Cluster".equals(r.kind()) && str(r.doc.get("apiVersion")).startsWith("postgresql.cnpg.io/")) secrets.add(r.name() + "-app");
        }
        for (Svc s : SERVICES) {
            Res dep = find(rs, "Deployment", s.name), svc = find(rs, "Service", s.name),
                    hpa = find(rs, "HorizontalPodAutoscaler", s.name), pdb = find(rs, "PodDisruptionBudget", s.name);
            check(dep != null && svc != null && hpa != null && pdb != null, p + s.name + " has Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget");
            if (dep == null) continue;
            Map<String, Object> podLabels = map(at(dep.doc, "spec", "template", "metadata", "labels"));
            Map<String, Object> sel = map(at(dep.doc, "spec", "selector", "matchLabels"));
            check(!sel.isEmpty() && podLabels.entrySet().containsAll(sel.entrySet()), p + s.name + ": Deployment selector matches its pod labels");
            check("RollingUpdate".equals(at(dep.doc, "spec", "strategy", "type")), p + s.name + ": rolling update strategy");
            check(at(dep.doc, "spec", "replicas") == null, p + s.name + ": no fixed replicas (the HPA owns the count)");
            Map<String, Object> podSec = map(at(dep.doc, "spec", "template", "spec", "securityContext"));
            List<Map<String, Object>> cs = containers(dep);
            if (!check(cs.size() == 1, p + s.name + ": one container")) continue;
            Map<String, Object> c = cs.get(0);
            Map<String, Object> cSec = map(c.get("securityContext"));
            boolean nonRoot = Boolean.TRUE.equals(podSec.get("runAsNonRoot")) || Boolean.TRUE.equals(cSec.get("runAsNonRoot"));
            Object uid = cSec.getOrDefault("runAsUser", podSec.get("runAsUser"));
            check(nonRoot && uid != null && !"0".equals(str(uid)), p + s.name + ": runs as non-root (runAsNonRoot, uid " + uid + ")");
            check(Boolean.FALSE.equals(cSec.get("allowPrivilegeEscalation")), p + s.name + ": no privilege escalation");
            String image = str(c.get("image"));
            String imgName = image == null ? "" : image.replaceAll("[:@].*", "");
            check(imgName.endsWith("/" + s.name) && Files.isRegularFile(root.resolve(s.name + "/src/main/docker/Dockerfile.jvm")),
                    p + s.name + ": image " + image + " is the one " + s.name + "/src/main/docker/Dockerfile.jvm builds");
            if (complete) check(image != null && image.matches(".+:[\\w.-]+") && !image.endsWith(":latest"), p + s.name + ": image has a version tag (" + image + ")");
            Map<String, Object> port = list(c.get("ports")).stream().map(DeployCheck::map).filter(m -> String.valueOf(s.port).equals(str(m.get("containerPort")))).findFirst().orElse(null);
            check(port != null, p + s.name + ": containerPort " + s.port);
            String portName = port == null ? null : str(port.get("name"));
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                Object path = at(c, probe, "httpGet", "path");
                Object pp = at(c, probe, "httpGet", "port");
                String want = probe.equals("readinessProbe") ? "/q/health/ready" : "/q/health/live";
                if (probe.equals("startupProbe") && c.get(probe) == null) continue;
                check(want.equals(path) && (String.valueOf(s.port).equals(str(pp)) || (portName != null && portName.equals(str(pp)))),
                        p + s.name + ": " + probe + " GET " + path + " on port " + pp);
            }
            check(at(c, "resources", "requests", "cpu") != null && at(c, "resources", "requests", "memory") != null && at(c, "resources", "limits", "memory") != null,
                    p + s.name + ": resource requests (cpu, memory) and a memory limit");
            // environment: envFrom ConfigMaps + env entries
            Map<String, String> env = new TreeMap<>();
            Map<String, String> secretEnv = new TreeMap<>(); // variable -> secret/key
            for (Object ef : list(c.get("envFrom"))) {
                String cm = str(at(ef, "configMapRef", "name"));
                if (cm != null) {
                    Map<String, Object> data = configData.get(cm);
                    if (check(data != null, p + s.name + ": envFrom ConfigMap " + cm + " is defined")) data.forEach((kk, v) -> env.put(kk, str(v)));
                }
                String sr = str(at(ef, "secretRef", "name"));
                if (sr != null && complete) check(secrets.contains(sr), p + s.name + ": envFrom Secret " + sr + " is defined");
            }
            for (Object e : list(c.get("env"))) {
                String n = str(at(e, "name"));
                env.put(n, str(at(e, "value")));
                String sk = str(at(e, "valueFrom", "secretKeyRef", "name"));
                if (sk != null && complete) checkSecretRef(p + s.name + ": " + n, secrets, sk, str(at(e, "valueFrom", "secretKeyRef", "key")));
                if (sk != null) secretEnv.put(n, sk + "/" + at(e, "valueFrom", "secretKeyRef", "key"));
                String ck = str(at(e, "valueFrom", "configMapKeyRef", "name"));
                if (ck != null) check(configData.containsKey(ck), p + s.name + ": " + n + " from ConfigMap " + ck + " is defined");
            }
            checkEnv(p + s.name, s.name, env.keySet());
            check(String.valueOf(s.port).equals(env.get("QUARKUS_HTTP_PORT")), p + s.name + ": QUARKUS_HTTP_PORT=" + env.get("QUARKUS_HTTP_PORT"));
            check("0.0.0.0".equals(env.get("QUARKUS_HTTP_HOST")), p + s.name + ": QUARKUS_HTTP_HOST=0.0.0.0");
            for (String v : SECRET_ENV.getOrDefault(s.name, List.of()))
                check(secretEnv.containsKey(v), p + s.name + ": " + v + " comes from a Secret (secretKeyRef)" + (secretEnv.containsKey(v) ? " " + secretEnv.get(v) : env.containsKey(v) ? " — it is a literal or a ConfigMap value" : " — not set"));
            if (s.name.equals("gateway")) checkK8sRedis(p, rs, env, secretEnv);
            if (complete && NOTICE_SERVICES.containsKey(s.name)) checkK8sNotices(p, s.name, env, rs);
            // files the environment points at are mounted
            Map<String, String> mounts = new HashMap<>();
            for (Object vm : list(c.get("volumeMounts"))) mounts.put(str(at(vm, "mountPath")), str(at(vm, "name")));
            Map<String, Object> volumes = new HashMap<>();
            for (Object v : list(at(dep.doc, "spec", "template", "spec", "volumes"))) volumes.put(str(at(v, "name")), v);
            for (String fileVar : List.of("CIVIC_JWT_KEYS", "CIVIC_GATEWAY_SIGNING_KEY")) {
                if (!env.containsKey(fileVar)) continue;
                String vol = mounts.get(env.get(fileVar));
                check(vol != null && volumes.containsKey(vol), p + s.name + ": " + fileVar + "=" + env.get(fileVar) + " is a mounted volume");
                String secretName = str(at(volumes.get(vol), "secret", "secretName"));
                String subPath = list(c.get("volumeMounts")).stream().filter(vm -> env.get(fileVar).equals(str(at(vm, "mountPath")))).map(vm -> str(at(vm, "subPath"))).findFirst().orElse(null);
                if (complete && secretName != null) checkSecretRef(p + s.name + ": volume " + vol, secrets, secretName, subPath);
                String cmName = str(at(volumes.get(vol), "configMap", "name"));
                if (cmName != null && complete) check(configData.containsKey(cmName), p + s.name + ": volume ConfigMap " + cmName + " is defined");
                if (fileVar.equals("CIVIC_GATEWAY_SIGNING_KEY")) check(secretName != null, p + s.name + ": the signing key is mounted from a Secret (" + secretName + ")");
            }
            String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
            Res kafkaRes = rs.stream().filter(r -> "Kafka".equals(r.kind())).findFirst().orElse(null);
            if (kafkaRes != null) {
                boolean listener = list(at(kafkaRes.doc, "spec", "kafka", "listeners")).stream().anyMatch(l -> kafka != null && kafka.endsWith(":" + at(l, "port")));
                check(kafka != null && kafka.startsWith(kafkaRes.name() + "-kafka-bootstrap:") && listener,
                        p + s.name + ": KAFKA_BOOTSTRAP_SERVERS " + kafka + " is the Strimzi bootstrap Service of Kafka " + kafkaRes.name());
            }
            if (s.db != null) {
                String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
                Matcher m = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw(?:\\.[a-z0-9.-]+)?:5432/(\\w+)").matcher(url == null ? "" : url);
                Res cluster = m.matches() ? find(rs, "Cluster", m.group(1)) : null;
                check(cluster != null && m.group(2).equals(at(cluster.doc, "spec", "bootstrap", "initdb", "database")) && s.db.equals(m.group(2)),
                        p + s.name + ": JDBC URL " + url + " is the read-write Service of its CloudNativePG Cluster and database");
                check(env.containsKey("QUARKUS_DATASOURCE_USERNAME") && env.containsKey("QUARKUS_DATASOURCE_PASSWORD"), p + s.name + ": database credentials from a Secret");
            } else {
                for (Svc up : SERVICES) {
                    if (up.db == null) continue;
                    String var = "CIVIC_GATEWAY_" + up.db.toUpperCase(Locale.ROOT) + "_URLS";
                    String v = env.get(var);
                    Res upSvc = find(rs, "Service", up.name);
                    boolean ok = v != null && upSvc != null && v.matches("http://" + up.name + "(\\.[a-z0-9.-]+)?:" + up.port)
                            && list(at(upSvc.doc, "spec", "ports")).stream().anyMatch(pt -> String.valueOf(up.port).equals(str(at(pt, "port"))));
                    check(ok, p + "gateway: " + var + "=" + v + " is the Service of " + up.name);
                }
            }
            if (svc != null) {
                Map<String, Object> ssel = map(at(svc.doc, "spec", "selector"));
                check(!ssel.isEmpty() && podLabels.entrySet().containsAll(ssel.entrySet()), p + s.name + ": Service selects the Deployment's pods");
                boolean portOk = list(at(svc.doc, "spec", "ports")).stream().anyMatch(pt -> String.valueOf(s.port).equals(str(at(pt, "port")))
                        && (String.valueOf(s.port).equals(str(at(pt, "targetPort"))) || (portName != null && portName.equals(str(at(pt, "targetPort"))))));
                check(portOk, p + s.name + ": Service port " + s.port + " targets the container port");
            }
            if (hpa != null) {
                check("autoscaling/v2".equals(hpa.doc.get("apiVersion")), p + s.name + ": HPA is autoscaling/v2");
                check("Deployment".equals(at(hpa.doc, "spec", "scaleTargetRef", "kind")) && s.name.equals(at(hpa.doc, "spec", "scaleTargetRef", "name")), p + s.name + ": HPA scales the Deployment");
                Object min = at(hpa.doc, "spec", "minReplicas"), max = at(hpa.doc, "spec", "maxReplicas");
                check(min instanceof Integer mi && max instanceof Integer ma && mi >= 2 && ma >= mi, p + s.name + ": HPA " + min + ".." + max + " replicas (at least 2 for the PDB)");
                check(!list(at(hpa.doc, "spec", "metrics")).isEmpty(), p + s.name + ": HPA has metrics");
            }
            if (pdb != null) {
                check("policy/v1".equals(pdb.doc.get("apiVersion")), p + s.name + ": PDB is policy/v1");
                Map<String, Object> psel = map(at(pdb.doc, "spec", "selector", "matchLabels"));
                check(!psel.isEmpty() && podLabels.entrySet().containsAll(psel.entrySet()), p + s.name + ": PDB selects the Deployment's pods");
                check(at(pdb.doc, "spec", "maxUnavailable") != null || at(pdb.doc, "spec", "minAvailable") != null, p + s.name + ": PDB sets maxUnavailable or minAvailable");
            }
        }
        // Strimzi: the v1 API (Strimzi 1.x serves nothing else; only its schemas are kept, so another
        // apiVersion fails the schema check above) and a Kafka version it supports (not in the CRD schema)
        for (Res r : rs) if ("Kafka".equals(r.kind()))
            check(STRIMZI_KAFKA_VERSIONS.contains(str(at(r.doc, "spec", "kafka", "version"))), p + "Kafka " + r.name() + ": version " + at(r.doc, "spec", "kafka", "version") + " is one Strimzi 1.x supports " + new TreeSet<>(STRIMZI_KAFKA_VERSIONS));
        // Strimzi
        List<Res> kafkas = rs.stream().filter(r -> "Kafka".equals(r.kind())).toList();
        if (check(kafkas.size() == 1, p + "one Strimzi Kafka")) {
            Res kafka = kafkas.get(0);
            List<Res> pools = rs.stream().filter(r -> "KafkaNodePool".equals(r.kind()) && kafka.name().equals(at(r.doc, "metadata", "labels", "strimzi.io/cluster"))).toList();
            Set<String> roles = pools.stream().flatMap(r -> list(at(r.doc, "spec", "roles")).stream()).map(String::valueOf).collect(Collectors.toSet());
            check(roles.contains("controller") && roles.contains("broker") && at(kafka.doc, "spec", "zookeeper") == null,
                    p + "Kafka " + kafka.name() + " runs KRaft with KafkaNodePools (roles " + roles + ", no ZooKeeper)");
            Map<String, Res> topics = new TreeMap<>();
            for (Res r : rs) if ("KafkaTopic".equals(r.kind())) {
                check(kafka.name().equals(at(r.doc, "metadata", "labels", "strimzi.io/cluster")), p + "KafkaTopic " + r.name() + " belongs to " + kafka.name());
                topics.put(Optional.ofNullable(str(at(r.doc, "spec", "topicName"))).orElse(r.name()), r);
            }
            Set<String> want = new TreeSet<>(expectedTopics);
            want.addAll(dlqTopics);
            check(topics.keySet().containsAll(want), p + "a KafkaTopic for every topic" + (topics.keySet().containsAll(want) ? " (" + want.size() + ")" : " — missing " + minus(want, topics.keySet())));
            for (var t : topics.entrySet()) {
                check(Integer.valueOf(6).equals(at(t.getValue().doc, "spec", "partitions")), p + t.getKey() + ": 6 partitions");
                boolean compact = "compact".equals(str(at(t.getValue().doc, "spec", "config", "cleanup.policy")));
                boolean shouldCompact = t.getKey().equals("civicsafety.areas.v1") || t.getKey().equals("civicsafety.units.v1")
                        || t.getKey().equals("civicsafety.gateway-keys.v1");
                check(compact == shouldCompact, p + t.getKey() + (shouldCompact ? ": compacted" : ": not compacted"));
            }
        }
        // CloudNativePG
        for (Svc s : SERVICES) {
            if (s.db == null) continue;
            Res cl = rs.stream().filter(r -> "Cluster".equals(r.kind()) && s.db.equals(at(r.doc, "spec", "bootstrap", "initdb", "database"))).findFirst().orElse(null);
            if (!check(cl != null, p + "a CloudNativePG Cluster holds database " + s.db)) continue;
            check(String.valueOf(at(cl.doc, "spec", "imageName")).contains("postgis"), p + cl.name() + ": PostGIS image (" + at(cl.doc, "spec", "imageName") + ")");
            String sql = String.valueOf(at(cl.doc, "spec", "bootstrap", "initdb", "postInitApplicationSQL")).toLowerCase(Locale.ROOT);
            check(sql.contains("create extension if not exists postgis") && sql.contains("create extension if not exists pg_trgm"), p + cl.name() + ": postInitApplicationSQL creates postgis and pg_trgm");
        }
        // Ingress to the gateway
        List<Res> ingresses = rs.stream().filter(r -> "Ingress".equals(r.kind())).toList();
        boolean ingressOk = ingresses.stream().anyMatch(ing -> list(at(ing.doc, "spec", "rules")).stream()
                .flatMap(rule -> list(at(rule, "http", "paths")).stream())
                .anyMatch(pt -> "gateway".equals(at(pt, "backend", "service", "name"))
                        && ("http".equals(at(pt, "backend", "service", "port", "name")) || Integer.valueOf(8080).equals(at(pt, "backend", "service", "port", "number")))));
        check(ingressOk, p + "an Ingress routes to the gateway Service");
        for (Res r : rs) if ("PodMonitor".equals(r.kind())) {
            boolean ok = list(at(r.doc, "spec", "podMetricsEndpoints")).stream().allMatch(e -> "/q/metrics".equals(at(e, "path")) && "http".equals(at(e, "port")));
            check(ok, p + "PodMonitor " + r.name() + " scrapes port http at /q/metrics");
        }
    }

    // ------------------------------------------------------------------ no key or password in any manifest
    /** Words that make a variable (or ConfigMap key) a secret one; its last word must not be one of NOT_SECRET_LAST. */
    static final Pattern SECRET_WORD = Pattern.compile("(^|_)(KEY|KEYS|PASSWORD|PASSWD|PASSPHRASE|PASS|SECRET|SECRETS|TOKEN|CREDENTIALS|AUTH|PRIVATE)(_|$)");
    static final Set<String> NOT_SECRET_LAST = Set.of("ID", "IDS", "TTL", "FACTOR", "TOPIC", "PREFIX", "URL", "URLS", "SIZE", "COUNT", "ENABLED", "TIMEOUT", "HEADER", "HEADERS", "ALGORITHM");
    static final Pattern PEM_PRIVATE = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    static final Pattern URL_CREDENTIALS = Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"']*:([^/\\s@\"']+)@");
    static final Set<String> PASSWORD_FLAGS = Set.of("--requirepass", "--password", "--pass", "--masterauth", "-p");

    static boolean secretNamed(String name) {
        String n = toEnv(name);
        if (!SECRET_WORD.matcher(n).find()) return false;
        return !NOT_SECRET_LAST.contains(n.substring(n.lastIndexOf('_') + 1));
    }

    /** Values a secret-named variable may have: nothing, a reference (compose ${VAR} / ${VAR:?msg}, Kubernetes $(VAR)), a file path. */
    static boolean notAValue(String v) {
        if (v == null || v.isEmpty()) return true;
        if (v.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}") || v.matches("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)")) return true;
        return v.matches("(/|\\./|\\.\\./)[\\w./-]*") || v.matches("https?://[^@\\s]+"); // a file path, or a URL without credentials (a JWKS endpoint)
    }

    /** Compose interpolation defaults that hold a value: ${VAR:-value} / ${VAR-value}. */
    static List<String[]> composeDefaults(String s) {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)}").matcher(s == null ? "" : s);
        while (m.find()) if (!m.group(2).isEmpty()) out.add(new String[] {m.group(1), m.group(2)});
        return out;
    }

    /**
     * The development key values published in the services' application.properties: the base64 parts of
     * properties whose names contain key/keys/secret ("%dev.cases.encryption.keys=dev-1:BASE64,dev-2:BASE64",
     * "grid.crypto.key=${GRID_CRYPTO_KEY:BASE64}").
     */
    Map<String, String> developmentKeyValues() throws IOException {
        Map<String, String> out = new TreeMap<>(); // value -> where
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.map(d -> d.resolve("src/main/resources/application.properties")).filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(f)) { p.load(r); }
            for (String k : p.stringPropertyNames()) {
                String lk = k.toLowerCase(Locale.ROOT);
                if (!lk.matches(".*(key|secret).*")) continue;
                String v = p.getProperty(k).trim();
                Matcher ref = Pattern.compile("^\\$\\{[^:}]+:(.*)}$").matcher(v);
                if (ref.matches()) v = ref.group(1);
                for (String tok : v.split(",")) {
                    String val = tok.trim().substring(tok.trim().lastIndexOf(':') + 1);
                    if (!val.matches("[A-Za-z0-9+/_-]{20,}={0,2}")) continue;
                    try {
                        byte[] raw = val.contains("-") || val.contains("_") ? Base64.getUrlDecoder().decode(val) : Base64.getDecoder().decode(val);
                        if (raw.length >= 16) out.put(val, rel(f) + " " + k);
                    } catch (IllegalArgumentException notBase64) {
                        // not a key
                    }
                }
            }
        }
        return out;
    }

    /** RSA moduli of the development JWKS (deploy/dev-keys): their private halves are in the repository. */
    Map<String, String> developmentModuli() {
        Map<String, String> out = new TreeMap<>();
        try {
            Object jwks = yaml().load(Files.readString(root.resolve("deploy/dev-keys/jwks.json")));
            for (Object k : list(at(jwks, "keys"))) if (at(k, "n") != null) out.put(str(at(k, "n")), "deploy/dev-keys/jwks.json kid " + at(k, "kid"));
        } catch (Exception e) {
            // no development JWKS: nothing to look for
        }
        return out;
    }

    /** Files under the deployment folders that git would see (tracked or not ignored): what could be committed. */
    List<Path> deploymentFiles(List<String> dirs) throws IOException {
        List<Path> out = new ArrayList<>();
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString(), "ls-files", "-co", "--exclude-standard", "--"));
            cmd.addAll(dirs);
            Process pr = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String listing = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pr.getErrorStream().readAllBytes();
            if (pr.waitFor() == 0) {
                for (String l : listing.split("\n")) if (!l.isBlank() && Files.isRegularFile(root.resolve(l))) out.add(root.resolve(l));
                return out.stream().distinct().sorted().toList();
            }
        } catch (Exception e) {
            // no git: walk the folders below
        }
        for (String d : dirs) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".env") && !rel(f).contains("/keys/")).forEach(out::add);
            }
        }
        return out.stream().sorted().toList();
    }

    void checkNoSecretValues() throws IOException {
        section("keys and passwords: none in any manifest (Secrets / required variables only)");
        Map<String, String> devKeys = developmentKeyValues();
        Map<String, String> devModuli = developmentModuli();
        note("development key values to look for (from the services' application.properties): " + devKeys.size() + " " + new TreeSet<>(devKeys.values())
                + ", development JWKS moduli (deploy/dev-keys): " + devModuli.size());
        List<String> problems = new ArrayList<>();

        // 1. the rendered Kubernetes trees
        for (var tree : rendered.entrySet()) {
            int before = problems.size();
            for (Res r : tree.getValue()) {
                String where = tree.getKey() + ": " + r.kind() + "/" + r.name();
                if ("Secret".equals(r.kind())) {
                    for (String f : List.of("data", "stringData"))
                        if (!map(r.doc.get(f)).isEmpty()) problems.add(where + " carries " + f + " " + map(r.doc.get(f)).keySet() + " in the manifests (create it with kubectl instead, deploy/README.md)");
                }
                if ("ConfigMap".equals(r.kind())) {
                    for (var e : map(r.doc.get("data")).entrySet())
                        if (secretNamed(e.getKey()) && !notAValue(str(e.getValue()))) problems.add(where + ": " + e.getKey() + " has a literal value (use a Secret)");
                }
                walkEnv(r.doc, where, problems);
                walkStrings(r.doc, where, problems, devKeys);
            }
            check(problems.size() == before, tree.getKey() + ": no Secret with data, no key or password literal in env, ConfigMaps, args or URLs");
        }

        // 2. the compose files
        for (String name : List.of("compose.yaml", "compose.observability.yaml")) {
            Path f = root.resolve("deploy/compose").resolve(name);
            if (!Files.isRegularFile(f)) continue;
            int before = problems.size();
            String where = "deploy/compose/" + name;
            for (String[] d : composeDefaults(Files.readString(f)))
                if (secretNamed(d[0])) problems.add(where + ": ${" + d[0] + "} has a default value (use ${" + d[0] + ":?message})");
            Map<String, Object> doc;
            try { doc = map(loadAll(f).get(0)); } catch (Exception e) { continue; }
            for (var svc : map(doc.get("services")).entrySet()) {
                String w = where + " " + svc.getKey();
                Object envObj = map(svc.getValue()).get("environment");
                Map<String, String> env = new LinkedHashMap<>();
                if (envObj instanceof Map<?, ?> m) m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
                for (Object item : list(envObj)) {
                    String s = String.valueOf(item);
                    int eq = s.indexOf('=');
                    env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
                }
                for (var e : env.entrySet()) {
                    if (!secretNamed(e.getKey())) continue;
                    if (!notAValue(e.getValue())) problems.add(w + ": " + e.getKey() + " has a literal value or a default (use ${VAR:?message})");
                }
                checkArgs(map(svc.getValue()).get("command"), w, problems);
                checkArgs(map(svc.getValue()).get("entrypoint"), w, problems);
                walkStrings(svc.getValue(), w, problems, devKeys);
            }
            check(problems.size() == before, where + ": no key or password value and no default for one");
        }

        // 3. every file git would commit under the deployment folders
        int before = problems.size();
        List<Path> files = deploymentFiles(List.of("deploy/k8s", "deploy/compose", "deploy/observability"));
        for (Path f : files) {
            String text;
            try { text = Files.readString(f); } catch (IOException notText) { continue; }
            if (PEM_PRIVATE.matcher(text).find()) problems.add(rel(f) + ": contains a PEM private key block");
            for (var k : devKeys.entrySet()) if (text.contains(k.getKey())) problems.add(rel(f) + ": contains the development key of " + k.getValue());
            for (var n : devModuli.entrySet()) if (text.contains(n.getKey())) problems.add(rel(f) + ": trusts a development public key (" + n.getValue() + ") whose private half is published");
        }
        check(problems.size() == before, files.size() + " files under deploy/k8s, deploy/compose, deploy/observability: no private key (PEM), no development key, no development JWKS entry");
        for (String pr : problems) check(false, "secret value: " + pr);
    }

    /** env entries (name + literal value) anywhere in a Kubernetes document. */
    void walkEnv(Object node, String where, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            for (Object e : list(m.get("env"))) {
                String n = str(at(e, "name"));
                Object v = at(e, "value");
                if (n != null && secretNamed(n) && v != null && !notAValue(str(v))) problems.add(where + ": env " + n + " has a literal value (use valueFrom.secretKeyRef)");
            }
            for (String k : List.of("command", "args")) if (m.get(k) instanceof List) checkArgs(m.get(k), where, problems);
            for (Object v : m.values()) walkEnv(v, where, problems);
        } else if (node instanceof List<?> l) {
            for (Object v : l) walkEnv(v, where, problems);
        }
    }

    /** Command lines: a password flag followed by a literal. */
    static void checkArgs(Object cmd, String where, List<String> problems) {
        List<String> words = new ArrayList<>();
        if (cmd instanceof List<?> l) for (Object o : l) words.add(String.valueOf(o).trim());
        else if (cmd != null) words.addAll(Arrays.asList(String.valueOf(cmd).trim().split("\\s+")));
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i), val = null;
            if (PASSWORD_FLAGS.contains(w) && i + 1 < words.size()) val = words.get(i + 1);
            else if (w.matches("--(requirepass|password|pass|masterauth)=.*")) val = w.substring(w.indexOf('=') + 1);
            if (val != null) {
                String v = val.replaceAll("^[\"']|[\"']$", "");
                if (!notAValue(v) && !v.matches("\"?\\$\\$?\\{?[A-Za-z_][A-Za-z0-9_]*}?\"?")) problems.add(where + ": " + w + " with a literal value");
            }
        }
    }

    /** Every string value: credentials in URLs, development key values. */
    static void walkStrings(Object node, String where, List<String> problems, Map<String, String> devKeys) {
        if (node instanceof Map<?, ?> m) { for (Object v : m.values()) walkStrings(v, where, problems, devKeys); return; }
        if (node instanceof List<?> l) { for (Object v : l) walkStrings(v, where, problems, devKeys); return; }
        if (!(node instanceof String s)) return;
        Matcher u = URL_CREDENTIALS.matcher(s);
        while (u.find()) if (!notAValue(u.group(1))) problems.add(where + ": a URL with a password (" + s.replace(u.group(1), "***") + ")");
        for (var k : devKeys.entrySet()) if (s.contains(k.getKey())) problems.add(where + ": the development key of " + k.getValue());
    }

    // ------------------------------------------------------------------ observability
    static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk",
            "quantile", "count_values", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
            "unless", "offset", "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "clamp_min",
            "clamp_max", "min_over_time", "max_over_time", "avg_over_time", "sum_over_time", "count_over_time", "label_replace",
            "vector", "scalar", "time", "absent", "inf", "nan", "le");

    static Set<String> promqlMetrics(String expr) {
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(e);
        while (m.find()) {
            String w = m.group(1);
            if (!PROMQL_WORDS.contains(w.toLowerCase(Locale.ROOT))) out.add(w);
        }
        return out;
    }

    void checkObservability() throws Exception {
        section("observability (deploy/observability)");
        Path dir = root.resolve("deploy/observability");
        Map<String, String> documented = new TreeMap<>();
        for (String line : readIfExists(dir.resolve("metrics.txt")).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.trim().split("\\s+");
            documented.put(f[0], f[f.length - 1]);
        }
        Map<String, Set<String>> used = new TreeMap<>(); // metric -> where
        List<Path> dashboards;
        try (Stream<Path> s = Files.list(dir.resolve("grafana"))) { dashboards = s.filter(x -> x.toString().endsWith(".json")).sorted().toList(); }
        check(!dashboards.isEmpty(), "a Grafana dashboard exists");
        for (Path d : dashboards) {
            Map<String, Object> dash;
            try {
                dash = map(yaml().load(Files.readString(d)));
                check(dash.containsKey("panels") && dash.containsKey("title"), rel(d) + " parses (JSON) and has a title and panels");
            } catch (Exception e) {
                check(false, rel(d) + " parses: " + e.getMessage());
                continue;
            }
            List<String> exprs = new ArrayList<>();
            collectExprs(dash.get("panels"), exprs);
            check(!exprs.isEmpty(), rel(d) + ": " + exprs.size() + " PromQL queries");
            List<String> unbalanced = exprs.stream().filter(x -> !balanced(x)).map(DeployCheck::abbreviate).toList();
            check(unbalanced.isEmpty(), rel(d) + ": brackets balance in all " + exprs.size() + " queries" + (unbalanced.isEmpty() ? "" : " — not in " + unbalanced));
            for (String x : exprs) for (String m : promqlMetrics(x)) used.computeIfAbsent(m, k -> new TreeSet<>()).add(rel(d));
            String all = String.join("\n", exprs);
            for (String need : List.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max", "outbox_backlog", "jvm_memory_used_bytes",
                    "notices_created_total", "notices_sent_total", "notices_failed_total", "notices_pending", "gateway_composed_requests_total"))
                check(all.contains(need), rel(d) + ": has a panel over " + need);
            check(all.contains("by (service, method, uri") && all.contains("status=~\"5..\""), rel(d) + ": rates, errors and latency per route (service, method, uri) and 5xx ratio");
            check(Stream.of("notices_created_total", "notices_sent_total", "notices_failed_total", "notices_pending")
                    .allMatch(m -> exprs.stream().anyMatch(x -> x.contains(m) && x.contains("by (service, channel)"))), rel(d) + ": notices created, sent, failed and pending per service and channel");
        }
        Path provisioning = dir.resolve("grafana/provisioning");
        if (Files.isDirectory(provisioning)) {
            try (Stream<Path> s = Files.list(provisioning)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
                    try {
                        check(map(loadAll(f).get(0)).containsKey("apiVersion"), rel(f) + " parses (Grafana provisioning)");
                    } catch (Exception e) {
                        check(false, rel(f) + " parses: " + e.getMessage());
                    }
                }
            }
        }
        Map<String, Object> alerts = null;
        try {
            alerts = map(loadAll(dir.resolve("alerts.yml")).get(0));
            check(!list(alerts.get("groups")).isEmpty(), "alerts.yml parses and has rule groups");
        } catch (Exception e) {
            check(false, "alerts.yml parses: " + e.getMessage());
        }
        if (alerts != null) {
            for (Object g : list(alerts.get("groups"))) for (Object r : list(at(g, "rules"))) {
                String x = str(at(r, "expr"));
                check(x != null && balanced(x) && at(r, "alert") != null, "alert " + at(r, "alert") + ": has an expression with balanced brackets");
                if (x != null) for (String m : promqlMetrics(x)) used.computeIfAbsent(m, k -> new TreeSet<>()).add("alerts.yml");
            }
            String alertExprs = list(alerts.get("groups")).stream().flatMap(g -> list(at(g, "rules")).stream()).map(r -> String.valueOf(at(r, "expr"))).collect(Collectors.joining("\n"));
            check(alertExprs.contains("notices_pending") && alertExprs.contains("notices_failed_total"), "alerts.yml: alerts on the notice backlog (notices_pending) and on deliveries given up (notices_failed_total)");
            Path rule = dir.resolve("k8s/prometheusrule.yaml");
            if (Files.isRegularFile(rule)) check(alerts.equals(map(at(loadAll(rule).get(0), "spec"))), "k8s/prometheusrule.yaml carries exactly the groups of alerts.yml");
        }
        for (String cfg : List.of("prometheus.yml", "prometheus-local.yml", "prometheus-kubernetes.yml")) {
            Path pf = dir.resolve(cfg);
            if (!check(Files.isRegularFile(pf), cfg + " exists")) continue;
            Map<String, Object> pc;
            try { pc = map(loadAll(pf).get(0)); } catch (Exception e) { check(false, cfg + " parses: " + e.getMessage()); continue; }
            for (Object rf : list(pc.get("rule_files"))) check(Files.isRegularFile(dir.resolve(str(rf))), cfg + ": rule file " + rf + " exists");
            for (Object job : list(pc.get("scrape_configs"))) {
                String text = String.valueOf(job);
                boolean metricsPath = "/q/metrics".equals(at(job, "metrics_path")) || text.contains("__metrics_path__");
                check(metricsPath, cfg + " job " + at(job, "job_name") + ": scrapes /q/metrics");
                check(text.contains("target_label=service") || text.contains("service="), cfg + " job " + at(job, "job_name") + ": sets the service label the dashboard groups by");
                for (Object sd : list(at(job, "dns_sd_configs"))) for (Object n : list(at(sd, "names"))) {
                    Svc s = svc(str(n));
                    check(s != null && Integer.valueOf(s.port).equals(at(sd, "port")), cfg + ": DNS discovery of " + n + " on port " + at(sd, "port"));
                }
                for (Object sc : list(at(job, "static_configs"))) {
                    Svc s = svc(str(at(sc, "labels", "service")));
                    check(s != null && list(at(sc, "targets")).stream().allMatch(t -> str(t).endsWith(":" + s.port)), cfg + ": static target " + at(sc, "targets") + " is " + at(sc, "labels", "service"));
                }
            }
        }
        // metric names: documented, and really exposed when services run
        for (var u : used.entrySet())
            check(documented.containsKey(u.getKey()), "metric " + u.getKey() + " (" + String.join(", ", u.getValue()) + ") is in metrics.txt");
        Map<String, Set<String>> live = liveMetrics();
        if (live.isEmpty()) {
            note("no service answers on 127.0.0.1:8080-8083: metric names checked against deploy/observability/metrics.txt only, not against a running service");
            return;
        }
        for (String m : used.keySet()) {
            String when = documented.getOrDefault(m, "");
            List<String> by = live.entrySet().stream().filter(e -> e.getValue().contains(m)).map(Map.Entry::getKey).toList();
            if (!by.isEmpty()) check(true, "metric " + m + " is exposed by the running " + by);
            else if (when.equals("prometheus")) note("metric " + m + " is made by Prometheus, not by the services");
            else if (when.equals("first-use")) note("metric " + m + " is not exposed by the running services yet: a counter that appears with the first event it counts");
            else if (when.equals("needs-histogram")) warn("metric " + m + " is not exposed yet: the services publish no http_server_requests histogram buckets (deploy/README.md, What to watch); percentile panels and the latency alert stay empty until they do");
            else check(false, "metric " + m + " is exposed by a running service (running: " + live.keySet() + ")");
        }
    }

    /** Metric names per running service; one throw-away request first so the HTTP server metrics exist. */
    Map<String, Set<String>> liveMetrics() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Svc s : SERVICES) {
            String portVar = "CIVIC_" + (s.db == null ? "GATEWAY" : s.db.toUpperCase(Locale.ROOT)) + "_PORT";
            int port = Optional.ofNullable(System.getenv(portVar)).map(Integer::parseInt).orElse(s.port);
            try {
                get("http://127.0.0.1:" + port + "/api/v1/deploy-check-probe");
                String body = get("http://127.0.0.1:" + port + "/q/metrics");
                if (body == null) { check(false, s.name + " answers on 127.0.0.1:" + port + " but not with 200 at /q/metrics"); continue; }
                Set<String> names = new TreeSet<>();
                for (String line : body.split("\n")) {
                    if (line.isEmpty() || line.startsWith("#")) continue;
                    Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(line);
                    if (m.find()) names.add(m.group(1));
                }
                out.put(s.name, names);
                note(s.name + " is running on 127.0.0.1:" + port + ": " + names.size() + " metric names at /q/metrics");
            } catch (IOException e) {
                // not running
            }
        }
        return out;
    }

    static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        int code = c.getResponseCode();
        try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return code == 200 ? body : null;
        }
    }

    static void collectExprs(Object panels, List<String> out) {
        for (Object p : list(panels)) {
            for (Object t : list(at(p, "targets"))) if (at(t, "expr") != null) out.add(str(at(t, "expr")));
            collectExprs(at(p, "panels"), out);
        }
    }

    static boolean balanced(String x) {
        Deque<Character> st = new ArrayDeque<>();
        boolean inStr = false;
        for (int i = 0; i < x.length(); i++) {
            char ch = x.charAt(i);
            if (inStr) { if (ch == '\\') i++; else if (ch == '"') inStr = false; continue; }
            if (ch == '"') inStr = true;
            else if ("({[".indexOf(ch) >= 0) st.push(ch);
            else if (")}]".indexOf(ch) >= 0) {
                if (st.isEmpty() || "({[".indexOf(st.pop()) != ")}]".indexOf(ch)) return false;
            }
        }
        return st.isEmpty() && !inStr;
    }

    static String abbreviate(String x) {
        String one = x.replaceAll("\\s+", " ").strip();
        return one.length() > 70 ? one.substring(0, 67) + "..." : one;
    }
}
