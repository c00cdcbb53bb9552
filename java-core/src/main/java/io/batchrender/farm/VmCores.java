package io.batchrender.farm;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vCPUs of a VM size, where its name says them. Azure's naming convention puts the vCPU count after
 * the family letters ({@code Standard_D8s_v5}: 8; https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions),
 * but sizes older than the v3 generation do not follow it ({@code Standard_D4_v2} has 8), so for those, and
 * any name this cannot read, nothing is claimed and the service decides.
 */
final class VmCores {

    private static final Pattern NAMED = Pattern.compile("standard_[a-z]+?(\\d+)[a-z\\-\\d]*?(?:_[a-z]+\\d*)*_v(\\d+)");

    private VmCores() {
    }

    static OptionalInt of(String vmSize) {
        Matcher m = NAMED.matcher(vmSize.toLowerCase(Locale.ROOT).strip());
        if (!m.matches() || Integer.parseInt(m.group(2)) < 3) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }
}
