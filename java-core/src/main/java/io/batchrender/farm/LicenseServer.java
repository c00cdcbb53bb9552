package io.batchrender.farm;

import java.util.Locale;
import java.util.Map;

/**
 * A bring-your-own-license server the nodes reach (pay-per-use licensing on Batch is retired):
 * a product and its address, turned into the environment variable(s) that product reads.
 *
 * @param product {@code autodesk} (Maya, Arnold: ADSKFLEX_LICENSE_FILE), {@code vray}
 *                (VRAY_AUTH_CLIENT_SETTINGS), {@code redshift} (redshift_LICENSE), or any other
 *                name, which is then the variable itself
 * @param value   the address as the product wants it ({@code 27000@lic.studio.lan})
 */
public record LicenseServer(String product, String value) {

    public Map<String, String> environment() {
        return switch (product.toLowerCase(Locale.ROOT)) {
            case "autodesk", "maya", "arnold" -> Map.of("ADSKFLEX_LICENSE_FILE", value);
            case "vray", "v-ray" -> Map.of("VRAY_AUTH_CLIENT_SETTINGS", value);
            case "redshift" -> Map.of("redshift_LICENSE", value);
            default -> Map.of(product, value);
        };
    }
}
