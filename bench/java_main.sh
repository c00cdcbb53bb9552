# Sourced by the benchmarks that run a main class of the Java test code (the Batch double, benches
# under java-core/src/test): `java_main_setup` compiles the test classes and resolves the classpath
# once; `java_main CLASS ARGS...` runs CLASS in a fresh JVM with the launcher's options.
# Needs $root (the repository) set.

java_main_setup() {
  echo "Building the test classes..." >&2
  mvn -o -q -f "$root/pom.xml" -pl java-core test-compile >&2
  java_main_cp_file="$(mktemp)"
  # the caller's EXIT trap may replace this one; the file is a few KB in the temp folder
  trap 'rm -f "$java_main_cp_file"' EXIT
  mvn -o -q -f "$root/pom.xml" -pl java-core dependency:build-classpath -Dmdep.outputFile="$java_main_cp_file" \
    -Dmdep.includeScope=test >/dev/null
  java_main_cp="$root/java-core/target/test-classes:$root/java-core/target/classes:$(cat "$java_main_cp_file")"
}

java_main() {
  java --add-opens java.base/java.util=ALL-UNNAMED -XX:+UseSerialGC -Dbatchrender.repo="$root" \
    -cp "$java_main_cp" "$@"
}
