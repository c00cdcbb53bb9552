package io.batchrender.sqlite;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A database's schema as numbered SQL files (resources beside the class that owns the database,
 * e.g. {@code db/001-tables.sql}, {@code db/002-template-columns.sql}): migration n brings a
 * database at {@code PRAGMA user_version} n-1 to n. A migration never changes once released; a
 * change is a new file at the end of the list.
 *
 * <p>Databases from before numbered migrations (user_version 0) added columns when they were
 * missing: migrating from 0, an {@code ALTER TABLE ... ADD COLUMN} of a column that is there is
 * skipped, and the first migration creates its tables with {@code IF NOT EXISTS}.
 */
public final class Migrations {

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");
    private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^\\s*--.*$");

    /** A migration SQL cannot say (rewriting JSON in rows), run in the same write transaction as the others. */
    @FunctionalInterface
    public interface Code {
        void apply(Connection conn) throws SQLException;
    }

    private final Class<?> owner;
    private final ImmutableList<String> files;
    /** Beside {@link #files}: the code of a migration written in Java, by its position. */
    private final com.google.common.collect.ImmutableMap<Integer, Code> code;

    private Migrations(Class<?> owner, ImmutableList<String> files, com.google.common.collect.ImmutableMap<Integer, Code> code) {
        this.owner = owner;
        this.files = files;
        this.code = code;
    }

    /** The migrations in {@code files}, resources relative to {@code owner}'s package, in order. */
    public static Migrations of(Class<?> owner, String... files) {
        return new Migrations(owner, ImmutableList.copyOf(files), com.google.common.collect.ImmutableMap.of());
    }

    /** These migrations and then one written in Java, named for messages. */
    public Migrations then(String name, Code step) {
        return new Migrations(owner, ImmutableList.<String>builder().addAll(files).add(name).build(),
                com.google.common.collect.ImmutableMap.<Integer, Code>builder().putAll(code).put(files.size(), step).build());
    }

    /** These migrations and then one more SQL file (after one written in Java, say). */
    public Migrations then(String file) {
        return new Migrations(owner, ImmutableList.<String>builder().addAll(files).add(file).build(), code);
    }

    /** The user_version a database has once migrated. */
    public int version() {
        return files.size();
    }

    /** True when the database's user_version is not this schema's (older, or newer and to be refused). */
    boolean neededBy(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            return userVersion(st) != files.size();
        }
    }

    /** Applies the migrations the database has not had; called inside a write transaction, which re-reads the version. */
    void apply(Connection conn, Path file) throws SQLException {
        try (Statement st = conn.createStatement()) {
            int from = userVersion(st);
            if (from > files.size()) {
                throw new SQLException(file + " was made by a newer batchrender (schema " + from + ", this one knows "
                        + files.size() + "): update batchrender, or use another state folder");
            }
            for (int n = from; n < files.size(); n++) {
                if (code.containsKey(n)) {
                    code.get(n).apply(conn);
                    continue;
                }
                for (String sql : STATEMENT_END.split(COMMENT_LINE.matcher(read(files.get(n))).replaceAll(""))) {
                    if (!sql.isBlank()) {
                        execute(st, sql, from == 0);
                    }
                }
            }
            if (from != files.size()) {
                st.execute("PRAGMA user_version = " + files.size());
            }
        }
    }

    private static void execute(Statement st, String sql, boolean fromBeforeMigrations) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            boolean addedAlready = fromBeforeMigrations && sql.strip().toUpperCase(java.util.Locale.ROOT).startsWith("ALTER TABLE")
                    && String.valueOf(e.getMessage()).contains("duplicate column name");
            if (!addedAlready) {
                throw e;
            }
        }
    }

    private static int userVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private String read(String name) {
        URL url = owner.getResource(name);
        if (url == null) {
            throw new IllegalStateException("the migration " + name + " is missing beside " + owner.getName()
                    + ": the build left it out");
        }
        try {
            return Resources.toString(url, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + url, e);
        }
    }
}
