package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test double of the Azure Batch service (api-version 2024-07-01.20.0) on 127.0.0.1: SharedKey
 * (or a bearer token it was told to accept) checked on every request, stateful pools, jobs and tasks, paging, the service's error bodies,
 * injectable throttling and 500s, and tasks really run on this machine by a simulated node agent.
 */
public final class BatchDouble implements AutoCloseable {

    public static final String API_VERSION = "2024-07-01.20.0";

    private final String account;
    private final String key;
    private final HttpServer server;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(16);
    private final BatchService svc;
    private final Scheduler scheduler;
    private final Routes routes;
    private final Faults faults = new Faults();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final java.util.Set<String> bearerTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger bearerRequests = new AtomicInteger();

    private BatchDouble(Builder b) throws IOException {
        this.account = b.account;
        this.key = b.key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        svc = new BatchService(url, b.nodesRoot, b.allocationTime);
        scheduler = new Scheduler(svc, new NodeAgent(account, url, b.nodeEnv, b.autoStorage));
        routes = new Routes(svc);
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A double for account {@code account} with a fresh random key, its nodes' folders under {@code nodesRoot}. */
    public static Builder builder(Path nodesRoot) {
        return new Builder(nodesRoot);
    }

    public String url() {
        return svc.baseUrl;
    }

    public String account() {
        return account;
    }

    public String key() {
        return key;
    }

    /**
     * Accepts {@code token} as a Microsoft Entra ID bearer token (as if issued for this account's
     * scope to an identity with a role on it), beside the SharedKey.
     */
    public BatchDouble acceptBearer(String token) {
        bearerTokens.add(token);
        return this;
    }

    /** Stops accepting {@code token}: it expired or was revoked. */
    public BatchDouble revokeBearer(String token) {
        bearerTokens.remove(token);
        return this;
    }

    /** How many requests came with a bearer token (accepted or not). */
    public int bearerRequestCount() {
        return bearerRequests.get();
    }

    public Faults faults() {
        return faults;
    }

    /** How many requests arrived, all kinds together (rejected ones included). */
    public int requestCount() {
        return total.get();
    }

    /** How many requests of one kind arrived, e.g. {@code "POST /jobs/{id}/addtaskcollection"}. */
    public int requestCount(String kind) {
        AtomicInteger n = requests.get(kind);
        return n == null ? 0 : n.get();
    }

    /** The ids of the tasks of a job, in the order they were added (for tests that count duplicates). */
    public java.util.List<String> taskIds(String jobId) {
        synchronized (svc) {
            DJob j = svc.jobs.get(jobId);
            return j == null ? java.util.List.of() : java.util.List.copyOf(j.tasks.keySet());
        }
    }

    /**
     * Test set-up: the first {@code count} active tasks of a job end now as succeeded, as if a node had run them
     * (for tests of what a client's requests cost against a big job, where running 10,000 processes would only
     * measure this machine).
     */
    public void completeTasks(String jobId, int count) {
        synchronized (svc) {
            int done = 0;
            for (DTask t : svc.job(jobId).tasks.values()) {
                if (done == count) {
                    break;
                }
                if (t.state().equals("active")) {
                    JsonObject exec = t.executionInfo();
                    exec.addProperty("startTime", Wire.now());
                    exec.addProperty("endTime", Wire.now());
                    exec.addProperty("exitCode", 0);
                    exec.addProperty("result", "success");
                    Wire.transition(t.body, "completed");
                    done++;
                }
            }
        }
    }

    /**
     * Test set-up: every {@code stride}-th active task of a job, up to {@code count} of them, starts running now as if
     * a node had taken it, without a process (for tests of what listing a big job's running tasks costs; the pool must
     * have no nodes, so that the double's own scheduler leaves them alone).
     */
    public void startTasks(String jobId, int count, int stride) {
        synchronized (svc) {
            int started = 0;
            int i = 0;
            for (DTask t : svc.job(jobId).tasks.values()) {
                if (started == count) {
                    break;
                }
                if (t.state().equals("active") && i++ % stride == stride - 1) {
                    t.executionInfo().addProperty("startTime", Wire.now());
                    Wire.transition(t.body, "running");
                    started++;
                }
            }
        }
    }

    /** How many jobs exist now. */
    public int jobCount() {
        synchronized (svc) {
            return svc.jobs.size();
        }
    }

    /** A copy of a job as the double holds it (what arrived, plus the service's own properties); empty when there is none. */
    public java.util.Optional<JsonObject> jobBody(String jobId) {
        synchronized (svc) {
            DJob j = svc.jobs.get(jobId);
            return j == null ? java.util.Optional.empty() : java.util.Optional.of(j.body.deepCopy());
        }
    }

    /** A copy of a task as the double holds it; empty when there is none. */
    public java.util.Optional<JsonObject> taskBody(String jobId, String taskId) {
        synchronized (svc) {
            DJob j = svc.jobs.get(jobId);
            DTask t = j == null ? null : j.tasks.get(taskId);
            return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.body.deepCopy());
        }
    }

    /** A copy of a pool as the double holds it; empty when there is none. */
    public java.util.Optional<JsonObject> poolBody(String poolId) {
        synchronized (svc) {
            DPool p = svc.pools.get(poolId);
            return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.body.deepCopy());
        }
    }

    /** How many pools exist now. */
    public int poolCount() {
        synchronized (svc) {
            return svc.pools.size();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String requestId = Wire.requestId();
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            total.incrementAndGet();
            requests.computeIfAbsent(method + " " + Routes.kind(path), k -> new AtomicInteger()).incrementAndGet();
            ex.getResponseHeaders().add("request-id", requestId);
            ex.getResponseHeaders().add("DataServiceVersion", "3.0");
            String clientId = ex.getRequestHeaders().getFirst("client-request-id");
            if (clientId != null && "true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("return-client-request-id"))) {
                ex.getResponseHeaders().add("client-request-id", clientId);
            }
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            boolean sharedKey = authorization == null || !authorization.startsWith("Bearer ");
            if (!sharedKey) {
                String token = authorization.substring("Bearer ".length()).strip();
                bearerRequests.incrementAndGet();
                if (!bearerTokens.contains(token)) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\","
                            + " error=\"invalid_token\", error_description=\"The access token is not valid for this account.\"");
                    throw new ServiceError(401, "AuthenticationFailed", "Server failed to authenticate the request. Make sure"
                            + " the value of Authorization header is formed correctly.",
                            "The access token is invalid, has expired or was not issued for https://batch.core.windows.net/.");
                }
            } else if (!SharedKey.verify(account, key, authorization, SharedKey.stringToSign(account, method, rawPath, rawQuery,
                    h -> ex.getRequestHeaders().getFirst(h), ex.getRequestHeaders().keySet()))) {
                throw new ServiceError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure"
                        + " the value of Authorization header is formed correctly including the signature.");
            }
            Map<String, String> query = query(rawQuery);
            if (!API_VERSION.equals(query.get("api-version"))) {
                throw new ServiceError(400, query.containsKey("api-version") ? "InvalidQueryParameterValue"
                        : "MissingRequiredQueryParameter", "The value for api-version is missing or not supported by the double.");
            }
            Faults.Kind fault = faults.take(method, path);
            if (fault == Faults.Kind.THROTTLE_429 || fault == Faults.Kind.BUSY_503) {
                ex.getResponseHeaders().add("Retry-After", Integer.toString(faults.retryAfterSeconds()));
                throw fault == Faults.Kind.THROTTLE_429
                        ? new ServiceError(429, "TooManyRequests", "The request rate is too high: retry after the Retry-After interval.")
                        : new ServiceError(503, "ServerBusy", "The server is currently unable to receive requests. Please retry your request.");
            }
            if (fault == Faults.Kind.ERROR_500_BEFORE) {
                throw new ServiceError(500, "InternalError", "The server encountered an internal error. Please retry the request.");
            }
            JsonObject json = body.length == 0 ? null : JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
            if (body.length > 1024 * 1024) {
                throw new ServiceError(413, "RequestBodyTooLarge", "The request body is too large and exceeds the maximum permissible limit.");
            }
            Routes.Answer a = routes.route(method, path, query, json, fault == Faults.Kind.TASK_SERVER_ERROR ? 10 : 0, rawQuery,
                    sharedKey);
            if (fault == Faults.Kind.ERROR_500_AFTER) {
                throw new ServiceError(500, "InternalError", "The server encountered an internal error. Please retry the request.");
            }
            if (fault == Faults.Kind.LATE_ANSWER) {
                // the request was carried out; its answer leaves after the client stopped waiting for it
                sleepQuietly(faults.lateMillis());
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            send(ex, a.status(), a.contentType(), method.equals("HEAD") ? null : a.body());
        } catch (ServiceError e) {
            byte[] err = Wire.GSON.toJson(Wire.error(svc.baseUrl, e.code, e.getMessage(), requestId, e.authDetail))
                    .getBytes(StandardCharsets.UTF_8);
            send(ex, e.status, "application/json;odata=minimalmetadata", ex.getRequestMethod().equals("HEAD") ? null : err);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            byte[] err = Wire.GSON.toJson(Wire.error(svc.baseUrl, "InvalidRequestBody", "The request body could not be read: "
                    + e.getMessage(), requestId)).getBytes(StandardCharsets.UTF_8);
            send(ex, 400, "application/json;odata=minimalmetadata", err);
        } finally {
            ex.close(); // after the catch clauses: an error answer is sent on the open exchange
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null && body != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.close();
        httpThreads.shutdownNow();
    }

    /** Options of the double. */
    public static final class Builder {
        private final Path nodesRoot;
        private String account = "testacct";
        private String key;
        private Duration allocationTime = Duration.ofMillis(200);
        private Map<String, String> nodeEnv = System.getenv();
        private Function<String, String> autoStorage;

        Builder(Path nodesRoot) {
            this.nodesRoot = nodesRoot;
            byte[] k = new byte[64];
            new SecureRandom().nextBytes(k);
            key = Base64.getEncoder().encodeToString(k);
        }

        public Builder account(String name) {
            account = name;
            return this;
        }

        /** How long a pool takes to reach its target node counts. */
        public Builder allocationTime(Duration d) {
            allocationTime = d;
            return this;
        }

        /** The environment a node's processes start from (before job, task and AZ_BATCH_* variables). */
        public Builder nodeEnvironment(Map<String, String> env) {
            nodeEnv = Map.copyOf(env);
            return this;
        }

        /** The linked auto-storage account: container name → container SAS URL. */
        public Builder autoStorage(Function<String, String> containerUrl) {
            autoStorage = containerUrl;
            return this;
        }

        public BatchDouble start() throws IOException {
            return new BatchDouble(this);
        }
    }
}
