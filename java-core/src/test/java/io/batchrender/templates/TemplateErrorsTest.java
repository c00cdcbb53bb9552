package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad templates and bad values: each is one line naming the file, the line to fix, and the fix. */
class TemplateErrorsTest {

    static final Path LINUX_JOB = SharedTemplates.maya("render-arnold-linux/job.template.json");
    static final List<String> REQUIRED = List.of("inputData=shot010", "inputDataSas=https://a/b?sig=x", "sceneFile=a.ma",
            "outputs=out");

    static TemplateException mayaError(List<String> args) {
        Template t = Template.read(LINUX_JOB);
        return assertThrows(TemplateException.class,
                () -> JobTemplates.expand(t, ParameterValues.fromArgs(args), FileGroupFiles.none()));
    }

    static void assertAt(TemplateException e, Path file, String needle, String... contains) {
        String prefix = file + ":" + SharedTemplates.lineOf(file, needle) + ": ";
        check(e, prefix, contains);
    }

    static void assertAt(TemplateException e, String text, String needle, String... contains) {
        check(e, "t.json:" + SharedTemplates.lineOf(text, needle) + ": ", contains);
    }

    static void check(TemplateException e, String prefix, String... contains) {
        assertTrue(e.getMessage().startsWith(prefix), "expected " + prefix + " in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String c : contains) {
            assertTrue(e.getMessage().contains(c), "expected '" + c + "' in: " + e.getMessage());
        }
    }

    static TemplateException expandError(String text) {
        return assertThrows(TemplateException.class,
                () -> JobTemplates.expand(Template.parse(text, "t.json"), ParameterValues.none(), FileGroupFiles.none()));
    }

    static TemplateException readError(String text) {
        return assertThrows(TemplateException.class, () -> Template.parse(text, "t.json"));
    }

    @Test
    void aMissingRequiredParameterNamesItsDefinition() {
        TemplateException e = mayaError(List.of("inputData=shot010", "inputDataSas=x", "outputs=o"));
        assertAt(e, LINUX_JOB, "\"sceneFile\": {", "parameter 'sceneFile' (The Maya scene file to be rendered) has no default",
                "--param sceneFile=VALUE");
    }

    @Test
    void severalMissingParametersAreListedTogether() {
        TemplateException e = mayaError(List.of());
        assertAt(e, LINUX_JOB, "\"inputData\": {", "inputData (line " + SharedTemplates.lineOf(LINUX_JOB, "\"inputData\": {") + ")",
                "sceneFile (line " + SharedTemplates.lineOf(LINUX_JOB, "\"sceneFile\": {") + ")",
                "outputs (line " + SharedTemplates.lineOf(LINUX_JOB, "\"outputs\": {") + ")");
    }

    @Test
    void aWrongTypeNamesTheParameterItsLineAndTheFix() {
        List<String> args = new java.util.ArrayList<>(REQUIRED);
        args.add("frameEnd=ten");
        assertAt(mayaError(args), LINUX_JOB, "\"frameEnd\": {",
                "parameter 'frameEnd' needs an int, got \"ten\" (from --param frameEnd): give e.g. --param frameEnd=10");
    }

    @Test
    void aValueOutsideAllowedValuesListsTheAllowedOnes() {
        List<String> args = new java.util.ArrayList<>(REQUIRED);
        args.add("mayaVersion=Maya2019");
        assertAt(mayaError(args), LINUX_JOB, "\"mayaVersion\": {",
                "parameter 'mayaVersion' must be one of \"Maya2017\", \"Maya2018\", got \"Maya2019\"");
    }

    @Test
    void anUnknownParameterSuggestsTheNearestName() {
        List<String> args = new java.util.ArrayList<>(REQUIRED);
        args.add("frameEnds=10");
        assertAt(mayaError(args), LINUX_JOB, "\"parameters\": {", "unknown parameter 'frameEnds' (from --param frameEnds):"
                + " did you mean 'frameEnd'?", "this template has poolId, jobName");
    }

    @Test
    void rangesAndLengthsAreChecked() {
        String text = """
                {
                  "parameters": {
                    "frames": {"type": "int", "minValue": 1, "maxValue": 500, "defaultValue": 10},
                    "name": {"type": "string", "minLength": 3, "maxLength": 8, "defaultValue": "shot"},
                    "key": {"type": "secureString", "minLength": 20, "defaultValue": "0123456789abcdefghij"},
                    "preview": {"type": "bool", "defaultValue": false}
                  },
                  "job": {"id": "[parameters('name')]", "poolInfo": {"poolId": "p"},
                          "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}}
                }""";
        Template t = Template.parse(text, "t.json");
        assertAt(assertThrows(TemplateException.class, () -> JobTemplates.expand(t,
                ParameterValues.fromArgs(List.of("frames=501")), FileGroupFiles.none())), text, "\"frames\"", "must be at most 500, got 501");
        assertAt(assertThrows(TemplateException.class, () -> JobTemplates.expand(t,
                ParameterValues.fromArgs(List.of("name=sh")), FileGroupFiles.none())), text, "\"name\"", "at least 3 characters");
        TemplateException secret = assertThrows(TemplateException.class, () -> JobTemplates.expand(t,
                ParameterValues.fromArgs(List.of("key=hunter2")), FileGroupFiles.none()));
        assertAt(secret, text, "\"key\"", "at least 20 characters long, got 7");
        assertFalse(secret.getMessage().contains("hunter2"), "a secure value never shows: " + secret.getMessage());
        assertAt(assertThrows(TemplateException.class, () -> JobTemplates.expand(t,
                ParameterValues.fromArgs(List.of("preview=yes")), FileGroupFiles.none())), text, "\"preview\"",
                "needs a bool (true or false), got \"yes\"");
    }

    @Test
    void aBadDefaultIsReportedWhenTheTemplateIsRead() {
        String text = """
                {
                  "parameters": {
                    "frames": {"type": "int",
                               "defaultValue": "ten"}
                  },
                  "job": {"id": "j"}
                }""";
        assertAt(readError(text), text, "\"defaultValue\": \"ten\"", "parameter 'frames' needs an int, got \"ten\" in its"
                + " defaultValue: fix the template");
        String badType = """
                {
                  "parameters": {
                    "frames": {"type": "integer"}
                  },
                  "job": {"id": "j"}
                }""";
        assertAt(readError(badType), badType, "\"integer\"", "use string, int, bool, secureString, object or array");
    }

    @Test
    void anUnknownFunctionNamesItsLine() {
        String text = """
                {
                  "parameters": {"jobName": {"type": "string", "defaultValue": "j"}},
                  "job": {
                    "id": "[parameter('jobName')]",
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        assertAt(expandError(text), text, "\"id\": \"[parameter(", "unknown function 'parameter' in [parameter('jobName')]:"
                + " use parameters(), variables() or concat() (did you mean parameters?); if the '[' is text, write '[['");
    }

    @Test
    void unbalancedBracketsInAnExpressionNameTheirLine() {
        String noClose = """
                {
                  "parameters": {"jobName": {"type": "string", "defaultValue": "j"}},
                  "job": {
                    "id": "j",
                    "displayName": "render [parameters('jobName') now",
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        assertAt(expandError(noClose), noClose, "displayName", "malformed expression [parameters('jobName') now:",
                "expected ']' to end the expression");
        String noParen = """
                {
                  "parameters": {"jobName": {"type": "string", "defaultValue": "j"}},
                  "job": {
                    "id": "j",
                    "displayName": "[concat('shot', parameters('jobName')]",
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        assertAt(expandError(noParen), noParen, "displayName", "missing ')' to close concat(");
        String noQuote = """
                {
                  "parameters": {"jobName": {"type": "string", "defaultValue": "j"}},
                  "job": {
                    "id": "j",
                    "displayName": "[parameters('jobName)]",
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        assertAt(expandError(noQuote), noQuote, "displayName", "is never closed: add the missing '");
        String unknownVariable = """
                {
                  "variables": {"image": {"sku": "x"}},
                  "job": {
                    "id": "j",
                    "poolInfo": "[variables('images')]",
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        assertAt(expandError(unknownVariable), unknownVariable, "poolInfo", "names no variable of this template:"
                + " did you mean 'image'?");
    }

    @Test
    void unbalancedJsonBracketsNameTheirLine() {
        String unclosed = """
                {
                  "job": {
                    "id": "j",
                    "poolInfo": {"poolId": "p"
                }
                """;
        assertAt(readError(unclosed), unclosed, "\"job\": {", "the '{' opened here is never closed",
                "add the missing '}'");
        String extra = """
                {
                  "job": {"id": "j"}
                }
                }
                """;
        check(readError(extra), "t.json:4: ", "'}' after the end of the JSON");
        String mismatched = """
                {
                  "job": {
                    "id": "j",
                    "tags": ["a", "b"}
                  }
                }""";
        assertAt(readError(mismatched), mismatched, "\"tags\"", "'}' does not match the '[' opened on line 4: close it with ']'");
    }

    @Test
    void aTrailingCommaNamesItsLine() {
        String text = """
                {
                  "job": {
                    "id": "j",
                    "priority": 5,
                  }
                }""";
        assertAt(readError(text), text, "\"priority\": 5,", "trailing comma before '}'");
        String inArray = """
                {
                  "job": {"id": "j", "tags": [
                    "a",
                    "b",
                  ]}
                }""";
        assertAt(readError(inArray), inArray, "\"b\",", "trailing comma before ']'");
    }

    @Test
    void otherJsonMistakesNameTheirLine() {
        String missingComma = """
                {
                  "job": {
                    "id": "j"
                    "priority": 5
                  }
                }""";
        assertAt(readError(missingComma), missingComma, "\"id\": \"j\"", "missing ',' after the member \"id\"");
        String backslash = """
                {
                  "job": {
                    "id": "C:\\scenes"
                  }
                }""";
        assertAt(readError(backslash), backslash, "scenes", "write '\\\\' for a backslash");
        String twice = """
                {
                  "job": {
                    "id": "a",
                    "id": "b"
                  }
                }""";
        assertAt(readError(twice), twice, "\"id\": \"b\"", "\"id\" appears twice in this object (also on line 3)");
        String noJob = """
                {
                  "parameters": {},
                  "jobs": {}
                }""";
        assertAt(readError(noJob), noJob, "\"jobs\"", "unknown section \"jobs\"");
        String huge = """
                {
                  "job": {"id": "j",
                          "priority": 1e-99999999999}
                }""";
        assertAt(readError(huge), huge, "priority", "is out of range");
    }

    @Test
    void jsonThatOtherReadersAcceptIsRefusedWithTheLineAndTheFix() {
        String comment = """
                {
                  "job": {
                    "id": // the job's id
                      "j"
                  }
                }""";
        assertAt(readError(comment), comment, "// the job", "JSON has no comments");
        String singleQuotes = """
                {
                  "job": {
                    "id": 'j'
                  }
                }""";
        assertAt(readError(singleQuotes), singleQuotes, "'j'", "strings take double quotes");
        String singleQuotedName = """
                {
                  "job": {
                    'id': "j"
                  }
                }""";
        assertAt(readError(singleQuotedName), singleQuotedName, "'id'", "expected a member name in double quotes, got '''",
                "use double quotes");
        String leadingZero = """
                {
                  "job": {"id": "j",
                          "priority": 07}
                }""";
        assertAt(readError(leadingZero), leadingZero, "07", "numbers may not start with 0");
        String word = """
                {
                  "job": {"id": "j",
                          "enabled": True}
                }""";
        assertAt(readError(word), word, "True", "unexpected 'T' where a value should be");
        String shortWord = """
                {
                  "job": {"id": "j",
                          "enabled": tru}
                }""";
        assertAt(readError(shortWord), shortWord, "tru}", "unexpected word 'tru': put text in double quotes (\"tru\")");
        String noColon = """
                {
                  "job": {"id" "j"}
                }""";
        assertAt(readError(noColon), noColon, "\"id\" \"j\"", "expected ':' after the member name \"id\"");
        String missingArrayComma = """
                {
                  "job": {"id": "j", "tags": [
                    "a"
                    "b"
                  ]}
                }""";
        assertAt(readError(missingArrayComma), missingArrayComma, "\"a\"", "missing ',' between the items of the array opened"
                + " on line 2");
    }

    @Test
    void stringsAreClosedOnTheirLine() {
        String open = """
                {
                  "job": {
                    "id": "j,
                    "priority": 5
                  }
                }""";
        assertAt(readError(open), open, "\"j,", "the string is not closed on its line");
        String atTheEnd = "{\n  \"job\": {\"id\": \"j";
        check(readError(atTheEnd), "t.json:2: ", "the string is never closed");
        String tab = "{\n  \"job\": {\"id\": \"a\tb\"}\n}";
        check(readError(tab), "t.json:2: ", "a control character inside a string");
        String escape = "{\n  \"job\": {\"id\": \"\\u00g1\"}\n}";
        check(readError(escape), "t.json:2: ", "\\u must be followed by four hex digits");
    }

    @Test
    void jsonNestedBeyondJacksonsLimitSaysSo() {
        String deep = "{\"job\": {\"id\": \"j\", \"metadata\":\n" + "[".repeat(1200) + "]".repeat(1200) + "}}";
        check(readError(deep), "t.json:2: ", "nesting depth", "exceeds the maximum allowed");
    }

    @Test
    void anEmptyFileAndAByteOrderMark() {
        TemplateException empty = readError(" \n\n");
        assertTrue(empty.getMessage().startsWith("t.json: the file is empty"), empty.getMessage());
        String bom = "\uFEFF{\n  \"job\": {\n    \"id\": \"j\",\n  }\n}";
        check(readError(bom), "t.json:3: ", "trailing comma before '}'");
        check(readError("{\"job\": {\"id\": \"j\"}}\n\n  x"), "t.json:3: ", "more text after the end of the JSON (which"
                + " ended on line 1)");
    }

    @Test
    void windowsLineEndingsCountTheSame() {
        String text = "{\r\n  \"job\": {\r\n    \"id\": \"j\",\r\n  }\r\n}\r\n";
        check(readError(text), "t.json:3: ", "trailing comma before '}'");
        String classicMac = "{\r  \"job\": {\r    \"id\": \"j\",\r  }\r}\r";
        check(readError(classicMac), "t.json:3: ", "trailing comma before '}'");
    }

    @Test
    void featuresNotRunHereAreRefusedByName() {
        String text = """
                {
                  "pool": {
                    "id": "p",
                    "packageReferences": [{"type": "aptPackage", "id": "blender"}]
                  }
                }""";
        TemplateException e = assertThrows(TemplateException.class,
                () -> PoolTemplates.expand(Template.parse(text, "t.json"), ParameterValues.none()));
        assertAt(e, text, "packageReferences", "package references are not supported");
    }
}
