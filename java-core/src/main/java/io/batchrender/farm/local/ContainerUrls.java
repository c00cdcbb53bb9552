package io.batchrender.farm.local;

/** Container SAS URLs in messages: the query (the signature) is never shown. */
final class ContainerUrls {

    private ContainerUrls() {
    }

    static String withoutQuery(String url) {
        if (url == null) {
            return "";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
