package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {

    private final EnvExpander env = new EnvExpander(Map.of(
            "PROJ", "/mnt/proj",
            "MAYA_RESOURCES", "/opt/maya/resources",
            "TexRoot", "D:/textures",
            "HOME", "/home/ana"));

    @Test
    void expandsEveryVariableSyntax() {
        assertEquals("/mnt/proj/tex/a.png", env.expand("$PROJ/tex/a.png").value());
        assertEquals("/mnt/proj/tex/a.png", env.expand("${PROJ}/tex/a.png").value());
        assertEquals("/mnt/proj/tex/a.png", env.expand("%PROJ%/tex/a.png").value());
        assertEquals("/opt/maya/resources/a.png", env.expand("<MAYA_RESOURCES>/a.png").value());
        assertEquals("/home/ana/tex/a.png", env.expand("~/tex/a.png").value());
        assertEquals("/mnt/proj_v2/a.png", env.expand("${PROJ}_v2/a.png").value());
    }

    @Test
    void percentVariablesAreCaseBlindLikeWindows() {
        assertEquals("D:/textures/a.png", env.expand("%TEXROOT%/a.png").value());
        assertEquals(List.of("$TEXROOT"), env.expand("$TEXROOT/a.png").unknown());
    }

    @Test
    void unknownVariablesStayInPlaceAndAreReported() {
        EnvExpander.Expansion e = env.expand("$NOPE/${ALSO_NOPE}/%WHAT%/<NOT_SET>/a.png");
        assertEquals("$NOPE/${ALSO_NOPE}/%WHAT%/<NOT_SET>/a.png", e.value());
        assertEquals(List.of("$NOPE", "${ALSO_NOPE}", "%WHAT%", "<NOT_SET>"), e.unknown());
        EnvExpander.Expansion home = new EnvExpander(Map.of()).expand("~/a.png");
        assertEquals(List.of("~"), home.unknown());
    }

    @Test
    void fileTokensAreNotVariables() {
        String written = "tex/a_<UDIM>.<udim>.<UVTILE>.u<U>_v<V><tile>.<f>.<frame>.<f4>.$F4.$F.$(F4).%04d.####"
                + ".<utile>.<vtile>.<shapeName>.<shapePath>.<attr:species>.png";
        EnvExpander.Expansion e = env.expand(written);
        assertEquals(written, e.value());
        assertEquals(List.of(), e.unknown());
    }

    @Test
    void aValueIsNotExpandedAgain() {
        EnvExpander.Expansion e = new EnvExpander(Map.of("A", "$B", "B", "x")).expand("$A/a.png");
        assertEquals("$B/a.png", e.value());
        assertEquals(List.of(), e.unknown());
    }
}
