package org.civicsafety.grid.common;

/**
 * Descriptions the API document gives in more than one place (annotation values must be constants): the headers
 * and paging parameters every resource shares, and the tags of the incident and area resources, which are several classes.
 */
public final class ApiDocs {
    public static final String IDEMPOTENCY_KEY = "Any string of 1 to 128 characters. A retry with the same key and"
            + " body gets the original answer again (same status, same id) and creates nothing; the same key with"
            + " another body is a 422. Keys are kept 48 hours.";
    public static final String IF_MATCH = "The ETag (version) the change is based on; a stale one is a 412.";
    public static final String ACCEPT_LANGUAGE = "zh-CN (the default) or en: the language of category names and"
            + " problem titles.";
    public static final String LIMIT = "Page size, 1 to 500 (default 50).";
    public static final String CURSOR = "The nextCursor of the previous page; absent for the first page.";

    public static final String INCIDENTS = "incidents";
    public static final String INCIDENTS_DESCRIPTION = "Incident reports (事件) and their workflow: reporting,"
            + " transitions, media, history, the list with its filters, the GeoJSON layer, nearby reports and"
            + " statistics.";

    public static final String AREAS = "areas";
    public static final String AREAS_DESCRIPTION = "The area hierarchy (county, township, village, grid) with"
            + " boundaries, populations and responsible units";

    private ApiDocs() {}
}
