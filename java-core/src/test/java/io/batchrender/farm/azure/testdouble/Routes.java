package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The REST surface of the double: which path and verb does what, and how the answer is shaped. */
final class Routes {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\(?\\s*([A-Za-z/]+)\\s+(eq|ne|ge|gt|le|lt)\\s+(?:(?i:(datetime))?'([^']*)'|(-?[0-9]+(?:\\.[0-9]+)?))\\s*\\)?");

    record Answer(int status, Map<String, String> headers, String contentType, byte[] body) {
        static Answer json(int status, JsonObject body) {
            return new Answer(status, Map.of(), "application/json;odata=minimalmetadata",
                    Wire.GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
        }

        static Answer empty(int status, Map<String, String> headers) {
            return new Answer(status, headers, null, null);
        }
    }

    private final BatchService svc;
    private final BatchTasks tasks;

    Routes(BatchService svc) {
        this.svc = svc;
        this.tasks = new BatchTasks(svc);
    }

    /** The kind of a path for request counting: ids replaced by {id}. */
    static String kind(String path) {
        String[] s = path.split("/", -1);
        for (int i = 2; i < s.length; i += 2) {
            if (!s[i].isEmpty()) {
                s[i] = "{id}";
            }
        }
        String k = String.join("/", s);
        return k.replaceAll("/files/.*", "/files/{path}");
    }

    Answer route(String method, String path, Map<String, String> q, JsonObject body, int taskServerErrors, String rawQuery,
                 boolean sharedKey) {
        String[] s = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
        String m = method;
        if (s.length == 0) {
            throw ServiceError.notFound("ResourceNotFound", "The specified resource does not exist.");
        }
        switch (s[0]) {
            case "supportedimages" -> {
                if (s.length == 1 && m.equals("GET")) {
                    List<JsonObject> all = new ArrayList<>();
                    SupportedImageList.images().forEach(e -> all.add(e.getAsJsonObject()));
                    return list("supportedimages", all, q, rawQuery, path);
                }
            }
            case "pools" -> {
                if (s.length == 1 && m.equals("POST")) {
                    DPool p = svc.createPool(body, null, sharedKey);
                    return created(p.body, "/pools/" + p.id());
                }
                if (s.length == 1 && m.equals("GET")) {
                    return list("pools", snapshot(() -> svc.pools.values().stream().map(p -> p.body).toList()), q, rawQuery, path);
                }
                String id = s[1];
                if (s.length == 2) {
                    switch (m) {
                        case "GET" -> {
                            return entity("pools", svc.pool(id).body, q);
                        }
                        case "DELETE" -> {
                            svc.deletePool(id);
                            return Answer.empty(202, Map.of());
                        }
                        default -> { }
                    }
                }
                if (s.length == 3 && s[2].equals("nodes") && m.equals("GET")) {
                    DPool pool = svc.pool(id);
                    List<JsonObject> nodes;
                    synchronized (svc) {
                        nodes = pool.nodes.stream().map(n -> node(pool, n.id)).toList();
                    }
                    return list("nodes", nodes, q, rawQuery, path);
                }
                if (s.length == 4 && s[2].equals("nodes") && m.equals("GET")) {
                    return entity("nodes", node(svc.pool(id), s[3]), q);
                }
                if (s.length >= 6 && s[2].equals("nodes") && s[4].equals("files") && (m.equals("GET") || m.equals("HEAD"))) {
                    return nodeFile(svc.pool(id), s[3], String.join("/", Arrays.copyOfRange(s, 5, s.length)), m);
                }
                if (s.length == 3 && m.equals("POST")) {
                    switch (s[2]) {
                        case "resize" -> {
                            svc.resizePool(id, body);
                            return accepted(svc.pool(id).body, path);
                        }
                        case "stopresize" -> {
                            svc.stopResize(id);
                            return accepted(svc.pool(id).body, path);
                        }
                        case "removenodes" -> {
                            svc.removeNodes(id, body);
                            return accepted(svc.pool(id).body, path);
                        }
                        case "enableautoscale" -> {
                            svc.enableAutoScale(id, body);
                            return accepted200(svc.pool(id).body, path);
                        }
                        case "disableautoscale" -> {
                            svc.disableAutoScale(id);
                            return accepted200(svc.pool(id).body, path);
                        }
                        default -> { }
                    }
                }
            }
            case "jobs" -> {
                if (s.length == 1 && m.equals("POST")) {
                    DJob j = svc.createJob(body, sharedKey);
                    return created(j.body, "/jobs/" + j.id());
                }
                if (s.length == 1 && m.equals("GET")) {
                    return list("jobs", snapshot(() -> svc.jobs.values().stream().map(j -> j.body).toList()), q, rawQuery, path);
                }
                String id = s[1];
                if (s.length == 2) {
                    switch (m) {
                        case "GET" -> {
                            return entity("jobs", svc.job(id).body, q);
                        }
                        case "PATCH" -> {
                            svc.patchJob(id, body);
                            return accepted200(svc.job(id).body, path);
                        }
                        case "DELETE" -> {
                            svc.deleteJob(id);
                            return Answer.empty(202, Map.of());
                        }
                        default -> { }
                    }
                }
                if (s.length == 3) {
                    switch (s[2]) {
                        case "terminate" -> {
                            if (m.equals("POST")) {
                                svc.terminateJob(id, body == null ? null : Wire.str(body, "terminateReason", null));
                                return accepted(svc.job(id).body, path);
                            }
                        }
                        case "jobpreparationandreleasetaskstatus" -> {
                            if (m.equals("GET")) {
                                return list("jobpreparationandreleasetaskstatuslist", prepStatus(id), q, rawQuery, path);
                            }
                        }
                        case "taskcounts" -> {
                            if (m.equals("GET")) {
                                return Answer.json(200, tasks.taskCounts(id));
                            }
                        }
                        case "addtaskcollection" -> {
                            if (m.equals("POST")) {
                                return Answer.json(200, tasks.addTasks(id, body.getAsJsonArray("value"), taskServerErrors));
                            }
                        }
                        case "tasks" -> {
                            if (m.equals("POST")) {
                                DTask t = tasks.addTask(id, body);
                                return created(t.body, "/jobs/" + id + "/tasks/" + t.id());
                            }
                            if (m.equals("GET")) {
                                return list("tasks", snapshot(() -> svc.job(id).tasks.values().stream().map(t -> t.body).toList()),
                                        q, rawQuery, path);
                            }
                        }
                        default -> { }
                    }
                }
                if (s.length == 4 && s[2].equals("tasks") && m.equals("GET")) {
                    return entity("tasks", tasks.task(id, s[3]).body, q);
                }
                if (s.length >= 5 && s[2].equals("tasks") && s[4].equals("files")) {
                    return files(tasks.task(id, s[3]), id, s, q, m);
                }
            }
            default -> { }
        }
        throw new ServiceError(400, "InvalidUri", "The requested URI does not represent any resource on the server: " + m + " " + path);
    }

    /**
     * "If this API is invoked on a Job which has no Job Preparation or Job Release Task, the Batch service returns
     * HTTP status code 409 (Conflict) with an error code of JobPreparationTaskNotSpecified":
     * https://learn.microsoft.com/rest/api/batchservice/job/list-preparation-and-release-task-status
     */
    private List<JsonObject> prepStatus(String jobId) {
        synchronized (svc) {
            DJob j = svc.job(jobId);
            if (!j.body.has("jobPreparationTask") && !j.body.has("jobReleaseTask")) {
                throw ServiceError.conflict("JobPreparationTaskNotSpecified", "The specified job does not have a job"
                        + " preparation or release task.");
            }
            return j.prepStatus.values().stream().map(JsonObject::deepCopy).toList();
        }
    }

    /** A node of a pool as Compute Node - Get answers (the properties the double models). */
    private JsonObject node(DPool pool, String nodeId) {
        synchronized (svc) {
            DNode n = pool.nodes.stream().filter(x -> x.id.equals(nodeId)).findFirst()
                    .orElseThrow(() -> ServiceError.notFound("NodeNotFound", "The specified node does not exist."));
            JsonObject o = new JsonObject();
            o.addProperty("id", n.id);
            o.addProperty("url", svc.baseUrl + "/pools/" + pool.id() + "/nodes/" + n.id);
            o.addProperty("state", n.removing ? "leavingpool" : n.runningSlots > 0 ? "running" : "idle");
            o.addProperty("isDedicated", !n.lowPriority);
            o.addProperty("vmSize", Wire.str(pool.body, "vmSize", ""));
            return o;
        }
    }

    /** A file on a node (Get File From Compute Node), e.g. a job preparation task's stderr.txt. */
    private Answer nodeFile(DPool pool, String nodeId, String rel, String method) {
        DNode node;
        synchronized (svc) {
            node = pool.nodes.stream().filter(n -> n.id.equals(nodeId)).findFirst().orElse(null);
        }
        if (node == null) {
            throw ServiceError.notFound("NodeNotFound", "The specified node does not exist.");
        }
        Path f = node.root.resolve(rel).normalize();
        if (!f.startsWith(node.root) || !Files.isRegularFile(f)) {
            throw ServiceError.notFound("FileNotFound", "The specified file does not exist.");
        }
        try {
            byte[] bytes = Files.readAllBytes(f);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("ocp-batch-file-isdirectory", "False");
            if (method.equals("HEAD")) {
                h.put("Content-Length", Long.toString(bytes.length));
            }
            return new Answer(200, h, rel.endsWith(".txt") ? "text/plain" : "application/octet-stream", bytes);
        } catch (IOException e) {
            throw new ServiceError(500, "InternalError", "Reading the node's files failed: " + e.getMessage());
        }
    }

    private List<JsonObject> snapshot(java.util.function.Supplier<List<JsonObject>> s) {
        synchronized (svc) {
            return s.get().stream().map(JsonObject::deepCopy).toList();
        }
    }

    private Answer created(JsonObject entity, String rel) {
        synchronized (svc) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("ETag", Wire.str(entity, "eTag", ""));
            h.put("Last-Modified", Wire.str(entity, "lastModified", ""));
            h.put("Location", svc.baseUrl + rel);
            h.put("DataServiceId", svc.baseUrl + rel);
            return Answer.empty(201, h);
        }
    }

    private Answer accepted(JsonObject entity, String path) {
        synchronized (svc) {
            return Answer.empty(202, Map.of("ETag", Wire.str(entity, "eTag", ""), "DataServiceId", svc.baseUrl + path));
        }
    }

    private Answer accepted200(JsonObject entity, String path) {
        synchronized (svc) {
            return Answer.empty(200, Map.of("ETag", Wire.str(entity, "eTag", ""), "DataServiceId", svc.baseUrl + path));
        }
    }

    private Answer entity(String set, JsonObject entity, Map<String, String> q) {
        JsonObject o = new JsonObject();
        o.addProperty("odata.metadata", svc.baseUrl + "/$metadata#" + set + "/@Element");
        synchronized (svc) {
            Wire.select(entity, select(q)).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        }
        return Answer.json(200, o);
    }

    /**
     * A page of a list: {@code maxresults} items (1 to 1000, 1000 by default: {@link ListQueryRules#pageSize}) and an
     * absolute odata.nextLink that carries the request's own query (its $filter, $select and maxresults) and a
     * $skiptoken, as the service's nextLink does (README.md of ../shared/azure-batch: "Paging follows odata.nextLink (an
     * absolute URL)").
     */
    private Answer list(String set, List<JsonObject> all, Map<String, String> q, String rawQuery, String path) {
        Predicate<JsonObject> filter = filter(set, q.get("$filter"));
        int page = ListQueryRules.pageSize(q.get("maxresults"));
        List<JsonObject> matching = all.stream().filter(filter).toList();
        int skip = q.containsKey("$skiptoken") ? Integer.parseInt(q.get("$skiptoken")) : 0;
        JsonArray value = new JsonArray();
        Set<String> select = select(q);
        for (int i = skip; i < Math.min(matching.size(), skip + page); i++) {
            value.add(Wire.select(matching.get(i), select));
        }
        JsonObject o = new JsonObject();
        o.addProperty("odata.metadata", svc.baseUrl + "/$metadata#" + set);
        o.add("value", value);
        if (skip + page < matching.size()) {
            String rest = rawQuery == null ? "" : Stream.of(rawQuery.split("&"))
                    .filter(p -> !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken=")).reduce((a, b) -> a + "&" + b).orElse("");
            o.addProperty("odata.nextLink", svc.baseUrl + path + "?" + rest + (rest.isEmpty() ? "" : "&")
                    + "%24skiptoken=" + URLEncoder.encode(Integer.toString(skip + page), StandardCharsets.UTF_8));
        }
        return Answer.json(200, o);
    }

    private static Set<String> select(Map<String, String> q) {
        String s = q.get("$select");
        if (s == null || s.isBlank()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : s.split(",")) {
            out.add(f.trim());
        }
        return out;
    }

    /**
     * The OData filters the double understands: clauses {@code prop op value} joined by {@code and} or {@code or},
     * where op is eq, ne, ge, gt, le or lt and value a quoted string, {@code datetime'...'} or a number
     * (https://learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch: strings compare with eq/ne, times
     * and numbers with all six). Anything else is refused, as the service refuses a filter it cannot parse. A list
     * that {@link ListQueryRules} holds to its documented set (the task list) takes only those properties and
     * operators, and orders strings ({@code id ge '...'}) where the set allows it.
     */
    static Predicate<JsonObject> filter(String set, String f) {
        if (f == null || f.isBlank()) {
            return o -> true;
        }
        boolean or = f.contains(" or ");
        List<Predicate<JsonObject>> clauses = new ArrayList<>();
        for (String part : f.split(or ? " or " : " and ")) {
            Matcher m = CLAUSE.matcher(part.trim());
            if (!m.matches()) {
                throw new ServiceError(400, "InvalidQueryParameterValue", "The value for one of the query parameters specified in the request URI is invalid: $filter " + f);
            }
            String[] prop = m.group(1).split("/");
            String op = m.group(2).toLowerCase(java.util.Locale.ROOT);
            boolean time = m.group(3) != null;
            String value = m.group(4) != null ? m.group(4) : m.group(5);
            boolean quoted = m.group(4) != null;
            boolean ruled = ListQueryRules.filterable(set) != null;
            ListQueryRules.check(set, m.group(1), op, quoted, time, f);
            if (!ruled && quoted && !time && !op.equals("eq") && !op.equals("ne")) {
                throw new ServiceError(400, "InvalidQueryParameterValue", "A string compares with eq or ne only: $filter " + f);
            }
            clauses.add(o -> {
                JsonObject cur = o;
                for (int i = 0; i < prop.length - 1 && cur != null; i++) {
                    cur = Wire.obj(cur, prop[i]);
                }
                String actual = cur == null ? null : Wire.str(cur, prop[prop.length - 1], null);
                if (actual == null) {
                    return op.equals("ne");
                }
                int c = time ? java.time.Instant.parse(actual).compareTo(java.time.Instant.parse(value))
                        : quoted ? (ruled ? actual.compareToIgnoreCase(value) : actual.equalsIgnoreCase(value) ? 0 : 1)
                        : Double.compare(Double.parseDouble(actual), Double.parseDouble(value));
                return switch (op) {
                    case "eq" -> c == 0;
                    case "ne" -> c != 0;
                    case "ge" -> c >= 0;
                    case "gt" -> c > 0;
                    case "le" -> c <= 0;
                    default -> c < 0;
                };
            });
        }
        return o -> or ? clauses.stream().anyMatch(c -> c.test(o)) : clauses.stream().allMatch(c -> c.test(o));
    }

    /** Files of a task: the list (recursive or not) and one file's content or properties. */
    private Answer files(DTask t, String jobId, String[] s, Map<String, String> q, String method) {
        DNode node;
        synchronized (svc) {
            node = t.node;
        }
        if (node == null) {
            throw ServiceError.conflict("TaskFilesUnavailable", "The files of the task are not available: it has not run on a node.");
        }
        Path dir = NodeAgent.taskDir(node, jobId, t.id());
        String base = svc.baseUrl + "/jobs/" + jobId + "/tasks/" + t.id() + "/files/";
        try {
            if (s.length == 5) {
                boolean recursive = "true".equalsIgnoreCase(q.get("recursive"));
                JsonArray value = new JsonArray();
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> walk = recursive ? Files.walk(dir) : Files.list(dir)) {
                        for (Path p : walk.filter(p -> !p.equals(dir)).sorted().toList()) {
                            String rel = dir.relativize(p).toString().replace('\\', '/');
                            JsonObject f = new JsonObject();
                            f.addProperty("name", rel);
                            f.addProperty("url", base + rel);
                            f.addProperty("isDirectory", Files.isDirectory(p));
                            if (!Files.isDirectory(p)) {
                                JsonObject props = new JsonObject();
                                props.addProperty("creationTime", Files.getLastModifiedTime(p).toInstant().toString());
                                props.addProperty("lastModified", Files.getLastModifiedTime(p).toInstant().toString());
                                props.addProperty("contentLength", Long.toString(Files.size(p)));
                                props.addProperty("contentType", rel.endsWith(".txt") ? "text/plain" : "application/octet-stream");
                                f.add("properties", props);
                            }
                            value.add(f);
                        }
                    }
                }
                JsonObject o = new JsonObject();
                o.addProperty("odata.metadata", svc.baseUrl + "/$metadata#files");
                o.add("value", value);
                return Answer.json(200, o);
            }
            String rel = String.join("/", Arrays.copyOfRange(s, 5, s.length));
            Path f = dir.resolve(rel).normalize();
            if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                throw ServiceError.notFound("FileNotFound", "The specified file does not exist.");
            }
            Map<String, String> h = new LinkedHashMap<>();
            h.put("ocp-batch-file-isdirectory", "False");
            h.put("ocp-batch-file-url", URLEncoder.encode(base + rel, StandardCharsets.UTF_8));
            h.put("ocp-creation-time", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Files.getLastModifiedTime(f).toInstant().atZone(java.time.ZoneOffset.UTC)));
            byte[] bytes = Files.readAllBytes(f);
            if (method.equals("HEAD")) {
                h.put("Content-Length", Long.toString(bytes.length));
            }
            return new Answer(200, h, rel.endsWith(".txt") ? "text/plain" : "application/octet-stream", bytes);
        } catch (IOException e) {
            throw new ServiceError(500, "InternalError", "Reading the node's files failed: " + e.getMessage());
        }
    }
}
