package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions: parameters, variables, concat, literals, member access, typing, escapes. */
class ExpressionsTest {

    static final String TEMPLATE = """
            {
              "parameters": {
                "shot": {"type": "string", "defaultValue": "sh010"},
                "frames": {"type": "int", "defaultValue": 24},
                "preview": {"type": "bool", "defaultValue": true},
                "renderer": {"type": "string", "defaultValue": "arnold", "allowedValues": ["arnold", "vray"]},
                "extra": {"type": "object", "defaultValue": {"maxTaskRetryCount": 3}}
              },
              "variables": {
                "prefix": "[concat('renders/', parameters('shot'))]",
                "outputs": {"fileGroup": "out", "path": "[variables('prefix')]"},
                "engines": {"arnold": {"flag": "-r arnold"}, "vray": {"flag": "-r vray"}},
                "sizes": ["small", "large"]
              },
              "job": {
                "id": "[concat('job-', parameters('shot'), '-', parameters('frames'))]",
                "priority": "[parameters('frames')]",
                "constraints": "[parameters('extra')]",
                "jobPreparationTask": {"commandLine": "x", "waitForSuccess": "[parameters('preview')]"},
                "metadata": [
                  {"name": "preview", "value": "[parameters('preview')]"},
                  {"name": "quote", "value": "[concat('it''s ', parameters('shot'))]"},
                  {"name": "double", "value": "[concat(\\"Processing: \\", parameters('shot'))]"},
                  {"name": "embedded", "value": "shot [parameters('shot')] has [parameters('frames')] frames, preview=[parameters('preview')]"},
                  {"name": "lookup", "value": "[variables('engines')[parameters('renderer')].flag]"},
                  {"name": "index", "value": "[variables('sizes')[1]]"},
                  {"name": "literal", "value": "[[parameters('shot')] stays text"},
                  {"name": "bash", "value": "if [ -f x ]; then ls [0-9]*.exr; fi"},
                  {"name": "nested", "value": "[concat('a', concat(parameters('shot'), concat('-', 'b')), 7)]"}
                ],
                "displayName": {"[parameters('shot')]": "keys are never evaluated"},
                "jobManagerTask": {"id": "m", "commandLine": "x", "outputFiles": [{"filePattern": "*",
                   "destination": {"autoStorage": "[variables('outputs')]"}, "uploadOptions": {"uploadCondition": "taskSuccess"}}]},
                "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
              }
            }
            """;

    static JsonObject job(List<String> args) {
        return JobTemplates.expand(Template.parse(TEMPLATE, "t.json"), ParameterValues.fromArgs(args), FileGroupFiles.none()).job();
    }

    static String meta(JsonObject job, String name) {
        for (var e : job.getAsJsonArray("metadata")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject().get("value").toString();
            }
        }
        throw new AssertionError("no metadata " + name);
    }

    @Test
    void wholeExpressionsKeepTheirTypeAndEmbeddedOnesBecomeText() {
        JsonObject job = job(List.of("renderer=vray"));
        assertEquals("job-sh010-24", job.get("id").getAsString());
        assertEquals(JsonParser.parseString("24"), job.get("priority"));
        assertEquals(JsonParser.parseString("{\"maxTaskRetryCount\": 3}"), job.get("constraints"));
        assertEquals(JsonParser.parseString("true"), job.getAsJsonObject("jobPreparationTask").get("waitForSuccess"),
                "a bool stays a bool");
        assertEquals("\"True\"", meta(job, "preview"), "a metadata value is text in Batch");
        assertEquals("\"it's sh010\"", meta(job, "quote"));
        assertEquals("\"Processing: sh010\"", meta(job, "double"));
        assertEquals("\"shot sh010 has 24 frames, preview=True\"", meta(job, "embedded"),
                "embedded bools read True/False, as the extensions write them");
        assertEquals("\"-r vray\"", meta(job, "lookup"));
        assertEquals("\"large\"", meta(job, "index"));
        assertEquals("\"[parameters('shot')] stays text\"", meta(job, "literal"));
        assertEquals("\"if [ -f x ]; then ls [0-9]*.exr; fi\"", meta(job, "bash"));
        assertEquals("\"ash010-b7\"", meta(job, "nested"));
        assertEquals(JsonParser.parseString("{\"[parameters('shot')]\": \"keys are never evaluated\"}"), job.get("displayName"));
        assertEquals(JsonParser.parseString("{\"fileGroup\": \"out\", \"path\": \"renders/sh010\"}"),
                job.getAsJsonObject("jobManagerTask").getAsJsonArray("outputFiles").get(0).getAsJsonObject()
                        .getAsJsonObject("destination").get("autoStorage"), "a variable may use a variable and parameters");
    }

    @Test
    void givenValuesReplaceDefaultsInEveryUse() {
        JsonObject job = job(List.of("shot=sh020", "frames=48", "preview=FALSE", "extra={\"maxWallClockTime\": \"PT1H\"}"));
        assertEquals("job-sh020-48", job.get("id").getAsString());
        assertEquals(48, job.get("priority").getAsInt());
        assertEquals("\"False\"", meta(job, "preview"));
        assertEquals(JsonParser.parseString("false"), job.getAsJsonObject("jobPreparationTask").get("waitForSuccess"));
        assertEquals(JsonParser.parseString("{\"maxWallClockTime\": \"PT1H\"}"), job.get("constraints"));
    }

    @Test
    void aVariableThatRefersToItselfIsAnError() {
        String text = """
                {
                  "variables": {
                    "a": "[variables('b')]",
                    "b": "x[variables('a')]"
                  },
                  "job": {"id": "[variables('a')]",
                          "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}}
                }""";
        TemplateException e = assertThrows(TemplateException.class,
                () -> JobTemplates.expand(Template.parse(text, "t.json"), ParameterValues.none(), FileGroupFiles.none()));
        assertTrue(e.getMessage().startsWith("t.json:3: variable 'a' refers to itself (a -> b -> a)"), e.getMessage());
    }

    @Test
    void aMissingMemberNamesWhatIsThere() {
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(
                Template.parse(TEMPLATE.replace("[variables('sizes')[1]]", "[variables('engines').redshift]"), "t.json"),
                ParameterValues.none(), FileGroupFiles.none()));
        assertTrue(e.getMessage().startsWith("t.json:" + SharedTemplates.lineOf(TEMPLATE, "\"index\"")
                + ": [variables('engines').redshift]: no member 'redshift' there (it has arnold, vray)"), e.getMessage());
    }

    @Test
    void aWholeExpressionTakesTheTypeBatchGivesItsField() {
        String text = """
                {
                  "parameters": {
                    "frames": {"type": "int", "defaultValue": 24},
                    "urgency": {"type": "string", "defaultValue": "75", "allowedValues": ["0", "75"]},
                    "preview": {"type": "bool", "defaultValue": false}
                  },
                  "job": {
                    "id": "[parameters('frames')]",
                    "priority": "[parameters('urgency')]",
                    "commonEnvironmentSettings": [
                      {"name": "FRAMES", "value": "[parameters('frames')]"},
                      {"name": "PREVIEW", "value": "[parameters('preview')]"}
                    ],
                    "metadata": [{"name": "n", "value": "plain text"}],
                    "taskFactory": {"type": "taskCollection", "tasks": [{"id": "a", "commandLine": "x"}]}
                  }
                }""";
        JsonObject job = JobTemplates.expand(Template.parse(text, "t.json"), ParameterValues.none(), FileGroupFiles.none()).job();
        assertEquals(JsonParser.parseString("\"24\""), job.get("id"), "an id is text");
        assertEquals(JsonParser.parseString("75"), job.get("priority"), "a priority is a number");
        assertEquals(JsonParser.parseString("[{\"name\": \"FRAMES\", \"value\": \"24\"},"
                + " {\"name\": \"PREVIEW\", \"value\": \"False\"}]"), job.get("commonEnvironmentSettings"));
    }
}
