package io.batchrender.templates;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a template's {@code parameters}: what {@code template params} lists and what a value
 * given for it must meet.
 *
 * @param name          the parameter's name, as {@code [parameters('name')]} refers to it
 * @param type          as written in the template: {@code string}, {@code int}, {@code bool},
 *                      {@code secureString} (a string never shown in messages), {@code object} or
 *                      {@code array} (passed through as JSON)
 * @param defaultValue  the value when none is given; a parameter without one is required
 * @param allowedValues the only values accepted, when not empty
 * @param minValue      the smallest int accepted
 * @param maxValue      the largest int accepted
 * @param minLength     the shortest string (or array) accepted
 * @param maxLength     the longest string (or array) accepted
 * @param description   {@code metadata.description}, or "" when there is none
 * @param metadata      the other text fields of {@code metadata} (Batch Explorer's
 *                      {@code advancedType}, {@code dependsOn}, ...)
 */
public record TemplateParameter(String name, String type, Optional<JsonElement> defaultValue,
                                List<JsonElement> allowedValues, Optional<Long> minValue, Optional<Long> maxValue,
                                Optional<Integer> minLength, Optional<Integer> maxLength, String description,
                                Map<String, String> metadata) {

    public TemplateParameter {
        defaultValue = defaultValue.map(JsonElement::deepCopy);
        allowedValues = allowedValues.stream().map(JsonElement::deepCopy).toList();
        metadata = Map.copyOf(metadata);
    }

    @Override
    public Optional<JsonElement> defaultValue() {
        return defaultValue.map(JsonElement::deepCopy);
    }

    @Override
    public List<JsonElement> allowedValues() {
        return allowedValues.stream().map(JsonElement::deepCopy).toList();
    }

    /** True when the template gives no default, so a value must be given. */
    public boolean required() {
        return defaultValue.isEmpty();
    }

    /** True for {@code secureString}/{@code secureObject}: the value never appears in output or messages. */
    public boolean secure() {
        return type.toLowerCase(Locale.ROOT).startsWith("secure");
    }

    /** The type the value is converted to: {@code string}, {@code int}, {@code bool}, {@code object} or {@code array}. */
    public String baseType() {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "securestring" -> "string";
            case "secureobject" -> "object";
            default -> type.toLowerCase(Locale.ROOT);
        };
    }
}
