package io.batchrender.farm.azure.testdouble;

import java.util.Map;
import java.util.Set;

/**
 * What the service takes in the query of a list, per list: the properties a {@code $filter} may name with the
 * operators each allows, and how many items a page may hold.
 *
 * <p>Sources:
 * <ul>
 *   <li>Filterable properties and operators: "OData filters in Azure Batch", section "List tasks"
 *       (https://learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch#list-tasks): {@code id}
 *       (startswith, eq, ge, gt, le, lt, ne; String), {@code state} (eq; String), {@code stateTransitionTime},
 *       {@code creationTime}, {@code lastModifiedTime}, {@code executionInfo/startTime}, {@code executionInfo/endTime}
 *       (the six comparisons; DateTime), {@code executionInfo/exitCode} (the six; Int), {@code executionInfo/result}
 *       (eq, ne; String). Conditions combine with "AND" and "OR" (same page).</li>
 *   <li>Page size: Task - List, {@code maxresults}: "The maximum number of items to return in the response. A maximum
 *       of 1000 Tasks can be returned." (https://learn.microsoft.com/rest/api/batchservice/task/list; the SDK's
 *       {@code TaskListOptions.maxResults}: "Default value: 1000"). Every Batch list says the same of its items.</li>
 *   <li>The answer to a filter or page size the service does not take: 400 with the codes the 11.2.0 SDK knows for it
 *       ({@code BatchErrorCodeStrings.InvalidQueryParameterValue}, {@code OutOfRangeQueryParameterValue}); no recorded
 *       response in ../shared/azure-batch/ covers it, so the double is strict and the client must not depend on the
 *       exact code.</li>
 * </ul>
 *
 * <p>The task, job, pool and supported-image lists are held to their sets (the same page, sections "List tasks",
 * "List jobs", "List pools", "List supported images"); the other lists (nodes, preparation and release status) take
 * any property (a known gap, documented in docs/azure-farm.md).
 */
final class ListQueryRules {

    static final int MAX_PAGE = 1000;

    /** A property's type and the operators the service takes on it. */
    record Property(Type type, Set<String> ops) {
    }

    enum Type { STRING, DATETIME, INT }

    private static final Set<String> ALL_SIX = Set.of("eq", "ne", "ge", "gt", "le", "lt");

    /** "List tasks" of the OData filters page. */
    static final Map<String, Property> TASKS = Map.of(
            "id", new Property(Type.STRING, ALL_SIX),
            "state", new Property(Type.STRING, Set.of("eq")),
            "stateTransitionTime", new Property(Type.DATETIME, ALL_SIX),
            "creationTime", new Property(Type.DATETIME, ALL_SIX),
            "lastModifiedTime", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/startTime", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/endTime", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/exitCode", new Property(Type.INT, ALL_SIX),
            "executionInfo/result", new Property(Type.STRING, Set.of("eq", "ne")));

    private static final Set<String> EQ = Set.of("eq");
    private static final Set<String> EQ_NE = Set.of("eq", "ne");

    /** "List jobs" of the OData filters page ({@code id} also takes startswith, which the double does not parse). */
    static final Map<String, Property> JOBS = Map.of(
            "id", new Property(Type.STRING, ALL_SIX),
            "state", new Property(Type.STRING, EQ),
            "stateTransitionTime", new Property(Type.DATETIME, ALL_SIX),
            "creationTime", new Property(Type.DATETIME, ALL_SIX),
            "lastModified", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/startTime", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/endTime", new Property(Type.DATETIME, ALL_SIX),
            "executionInfo/poolId", new Property(Type.STRING, ALL_SIX));

    /**
     * "List pools" of the OData filters page (its Boolean properties, enableAutoScale and
     * enableInterNodeCommunication, are left out: the double parses no boolean literal, so it refuses them).
     */
    static final Map<String, Property> POOLS = Map.of(
            "id", new Property(Type.STRING, ALL_SIX),
            "state", new Property(Type.STRING, EQ),
            "stateTransitionTime", new Property(Type.DATETIME, ALL_SIX),
            "allocationState", new Property(Type.STRING, EQ),
            "allocationStateTransitionTime", new Property(Type.DATETIME, ALL_SIX),
            "creationTime", new Property(Type.DATETIME, ALL_SIX),
            "lastModified", new Property(Type.DATETIME, ALL_SIX),
            "vmSize", new Property(Type.STRING, EQ_NE));

    /** "List supported images" of the OData filters page. */
    static final Map<String, Property> SUPPORTED_IMAGES = Map.of(
            "osType", new Property(Type.STRING, EQ_NE),
            "verificationType", new Property(Type.STRING, EQ_NE),
            "nodeAgentSKUId", new Property(Type.STRING, EQ_NE));

    private ListQueryRules() {
    }

    /** The filterable properties of a list, or null where the double does not hold the list to a set. */
    static Map<String, Property> filterable(String set) {
        return switch (set) {
            case "tasks" -> TASKS;
            case "jobs" -> JOBS;
            case "pools" -> POOLS;
            case "supportedimages" -> SUPPORTED_IMAGES;
            default -> null;
        };
    }

    /** Checks one filter clause against the list's set; a ServiceError 400 names what the service would not take. */
    static void check(String set, String property, String op, boolean quoted, boolean time, String filter) {
        Map<String, Property> props = filterable(set);
        if (props == null) {
            return;
        }
        Property p = props.get(property);
        if (p == null) {
            throw new ServiceError(400, "InvalidQueryParameterValue", "The value for one of the query parameters specified in"
                    + " the request URI is invalid: $filter cannot name '" + property + "' on this list: " + filter);
        }
        if (!p.ops().contains(op)) {
            throw new ServiceError(400, "InvalidQueryParameterValue", "The value for one of the query parameters specified in"
                    + " the request URI is invalid: '" + property + "' does not take '" + op + "': " + filter);
        }
        boolean typeFits = switch (p.type()) {
            case STRING -> quoted && !time;
            case DATETIME -> time;
            case INT -> !quoted;
        };
        if (!typeFits) {
            throw new ServiceError(400, "InvalidQueryParameterValue", "The value for one of the query parameters specified in"
                    + " the request URI is invalid: '" + property + "' is a " + p.type().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + filter);
        }
    }

    /** The page size a request asks for: {@code maxresults} 1 to 1000, 1000 without it. */
    static int pageSize(String maxresults) {
        if (maxresults == null) {
            return MAX_PAGE;
        }
        int n;
        try {
            n = Integer.parseInt(maxresults.trim());
        } catch (NumberFormatException e) {
            throw new ServiceError(400, "InvalidQueryParameterValue", "The value for one of the query parameters specified in"
                    + " the request URI is invalid: maxresults " + maxresults);
        }
        if (n < 1 || n > MAX_PAGE) {
            throw new ServiceError(400, "OutOfRangeQueryParameterValue", "One of the query parameters specified in the"
                    + " request URI is outside the permissible range: maxresults " + n + " (1 to " + MAX_PAGE + ")");
        }
        return n;
    }
}
