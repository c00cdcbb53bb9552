package io.batchrender.job;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.batchrender.render.Program;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The job model as JSON, both ways: what the local farm stores for each task and what
 * {@code submit --dry-run --json} prints. Durations are ISO 8601 ({@code PT2H}, Batch's form),
 * empty optionals are left out, a {@link Command} is {@code {"commandLine": ...}} or
 * {@code {"program": {...}, "args": [...]}}, {@link BatchFields} are inlined as the object they are, and an
 * output destination's {@code uploadHeaders} are left out when there are none (three outputs a task, 100,000
 * tasks: the local farm's rows stay as small as before they existed).
 */
public final class JobJson {

    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapterFactory(new OptionalAdapters())
            .registerTypeHierarchyAdapter(Path.class, asText(Path::toString, Path::of))
            .registerTypeAdapter(Duration.class, asText(Duration::toString, Duration::parse))
            .registerTypeHierarchyAdapter(Command.class, new CommandAdapter().nullSafe())
            .registerTypeAdapter(BatchFields.class, new BatchFieldsAdapter().nullSafe())
            .registerTypeAdapterFactory(new NoHeadersLeftOut())
            .create();

    private JobJson() {
    }

    public static Gson gson() {
        return GSON;
    }

    public static JsonObject toJson(Job job) {
        return GSON.toJsonTree(job).getAsJsonObject();
    }

    public static JsonObject toJson(Task task) {
        return GSON.toJsonTree(task).getAsJsonObject();
    }

    public static Task task(String json) {
        return GSON.fromJson(json, Task.class);
    }

    public static Job job(String json) {
        return GSON.fromJson(json, Job.class);
    }

    /** A value written as its text and read back from it. */
    private static <T> TypeAdapter<T> asText(java.util.function.Function<T, String> write,
                                             java.util.function.Function<String, T> read) {
        return new TypeAdapter<T>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                out.value(write.apply(value));
            }

            @Override
            public T read(JsonReader in) throws IOException {
                return read.apply(in.nextString());
            }
        }.nullSafe();
    }

    private static final class BatchFieldsAdapter extends TypeAdapter<BatchFields> {
        @Override
        public void write(JsonWriter out, BatchFields value) throws IOException {
            com.google.gson.internal.Streams.write(JsonParser.parseString(value.json()), out);
        }

        @Override
        public BatchFields read(JsonReader in) throws IOException {
            return BatchFields.of(JsonParser.parseReader(in).getAsJsonObject());
        }
    }

    private static final class CommandAdapter extends TypeAdapter<Command> {
        @Override
        public void write(JsonWriter out, Command value) throws IOException {
            JsonObject o = new JsonObject();
            if (value instanceof Command.Line line) {
                o.addProperty("commandLine", line.text());
            } else {
                Command.Call call = (Command.Call) value;
                o.add("program", GSON.toJsonTree(call.program()));
                o.add("args", GSON.toJsonTree(call.args()));
            }
            com.google.gson.internal.Streams.write(o, out);
        }

        @Override
        public Command read(JsonReader in) throws IOException {
            JsonObject o = JsonParser.parseReader(in).getAsJsonObject();
            if (o.has("commandLine")) {
                return new Command.Line(o.get("commandLine").getAsString());
            }
            Program program = GSON.fromJson(o.get("program"), Program.class);
            List<String> args = GSON.fromJson(o.get("args"), new TypeToken<List<String>>() { }.getType());
            return new Command.Call(program, args);
        }
    }

    /** Upload headers: none is written as null, which Gson leaves out of objects (and the record reads as none). */
    private static final class NoHeadersLeftOut implements TypeAdapterFactory {

        private static final TypeToken<List<OutputFile.HttpHeader>> HEADERS = new TypeToken<>() { };

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> token) {
            if (!token.equals(HEADERS)) {
                return null;
            }
            TypeAdapter<List<OutputFile.HttpHeader>> delegate = gson.getDelegateAdapter(this, HEADERS);
            return (TypeAdapter<T>) new TypeAdapter<List<OutputFile.HttpHeader>>() {
                @Override
                public void write(JsonWriter out, List<OutputFile.HttpHeader> value) throws IOException {
                    if (value == null || value.isEmpty()) {
                        out.nullValue();
                    } else {
                        delegate.write(out, value);
                    }
                }

                @Override
                public List<OutputFile.HttpHeader> read(JsonReader in) throws IOException {
                    return delegate.read(in);
                }
            };
        }
    }

    /** {@code Optional<T>}: the value, or null (which Gson leaves out of objects). */
    private static final class OptionalAdapters implements TypeAdapterFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != Optional.class) {
                return null;
            }
            Type inner = type.getType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            TypeAdapter<Object> delegate = (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(inner));
            return (TypeAdapter<T>) new TypeAdapter<Optional<Object>>() {
                @Override
                public void write(JsonWriter out, Optional<Object> value) throws IOException {
                    if (value == null || value.isEmpty()) {
                        out.nullValue();
                    } else {
                        delegate.write(out, value.get());
                    }
                }

                @Override
                public Optional<Object> read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return Optional.empty();
                    }
                    return Optional.ofNullable(delegate.read(in));
                }
            };
        }
    }

    /** {@code element} pretty-printed, as previews and golden files show it. */
    public static String pretty(JsonElement element) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(element);
    }
}
