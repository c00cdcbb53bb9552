package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.render.CommandLineSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images, node agents and start tasks as the service takes them: the agent from the service's supported
 * images (the double serves the recorded list), a Windows or EL image gets no bash start task, the apt
 * start task survives a freshly booted node's apt lock, subnets, and task slots within the VM size.
 */
class PoolImagesTest {

    @TempDir
    Path tmp;

    BatchDouble batch;
    AzureFarm farm;

    @BeforeEach
    void start() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).start();
        farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    private JsonObject create(String id, String vmSize, int slots, String image) {
        farm.createPool(new PoolSpec(id, vmSize, 0, 0, slots, PoolImage.parse(image, Optional.empty()), Optional.empty()));
        return batch.poolBody(id).orElseThrow();
    }

    private static String agent(JsonObject pool) {
        return pool.getAsJsonObject("virtualMachineConfiguration").get("nodeAgentSKUId").getAsString();
    }

    @Test
    void aWindowsImageGetsTheWindowsAgentAndNoBashStartTask() {
        // the recorded list pairs microsoftwindowsserver/windowsserver/2019-datacenter with batch.node.windows amd64
        JsonObject p = create("win", "standard_d4s_v5", 1, "microsoftwindowsserver:windowsserver:2019-datacenter");

        assertEquals("batch.node.windows amd64", agent(p));
        assertFalse(p.has("startTask"), "never a /bin/bash start task on Windows");
    }

    @Test
    void anAlmaLinuxImageGetsTheElAgentAndNoAptStartTask() {
        JsonObject p = create("alma", "standard_d4s_v5", 1, "almalinux:almalinux:8_5");

        assertEquals("batch.node.el 8", agent(p));
        assertFalse(p.has("startTask"), "apt is not there");
    }

    @Test
    void theDefaultUbuntuImageHasItsAgentLookedUpOnceAndTheAptStartTask() {
        JsonObject a = create("a", "standard_d2s_v5", 2, "");
        create("b", "standard_d2s_v5", 2, "");

        assertEquals("batch.node.ubuntu 22.04", agent(a));
        assertEquals(BatchRequests.APT_BLENDER, a.getAsJsonObject("startTask").get("commandLine").getAsString());
        assertEquals(1, batch.requestCount("GET /supportedimages"), "the list is asked for once per farm");
    }

    @Test
    void anImageBatchDoesNotListIsRefusedWithWhatToDo() {
        FarmException e = assertThrows(FarmException.class, () -> create("x", "standard_d2s_v5", 1, "someone:something:1"));

        assertTrue(e.getMessage().startsWith("Azure Batch does not list the image someone:something:1:latest"), e.getMessage());
        assertEquals(0, batch.requestCount("POST /pools"));
    }

    @Test
    void aPoolJoinsTheStudioSubnet() {
        String subnet = "/subscriptions/0000/resourceGroups/studio/providers/Microsoft.Network/virtualNetworks/render/subnets/farm";
        farm.createPool(new PoolSpec("lic", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty())
                .withSubnet(subnet));

        assertEquals(subnet, batch.poolBody("lic").orElseThrow().getAsJsonObject("networkConfiguration").get("subnetId").getAsString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new PoolSpec("x", "standard_d2s_v5",
                0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()).withSubnet("farm-subnet"));
        assertTrue(bad.getMessage().startsWith("'farm-subnet' is not a subnet: give its resource id"), bad.getMessage());
    }

    @Test
    void taskSlotsBeyondFourPerCoreAreRefusedBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoolSpec("big", "standard_d2s_v5",
                1, 0, 9, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));

        assertEquals("standard_d2s_v5 has 2 vCPUs, so a node runs at most 8 tasks at once: lower the task slots per node,"
                + " or choose a bigger VM size.", e.getMessage());
        create("ok", "standard_d2s_v5", 8, ""); // 4 x 2 is the most, and fine
        assertEquals(8, batch.poolBody("ok").orElseThrow().get("taskSlotsPerNode").getAsInt());
    }

    @Test
    void theAptStartTaskWaitsOutTheLockOfAFreshlyBootedNode() throws Exception {
        // apt-get as a node fresh from boot answers while unattended-upgrades holds the lock: fails once, then works
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("calls");
        Path aptGet = bin.resolve("apt-get");
        Files.writeString(aptGet, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "if [ ! -f '" + tmp.resolve("unlocked") + "' ]; then touch '" + tmp.resolve("unlocked") + "';"
                + " echo 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (unattended-upgr)' >&2;"
                + " exit 100; fi\nexit 0\n");
        Files.setPosixFilePermissions(aptGet, PosixFilePermissions.fromString("rwxr-xr-x"));
        // as the node agent runs it: split into arguments, no shell of its own
        ProcessBuilder pb = new ProcessBuilder(CommandLineSplitter.split(BatchRequests.APT_BLENDER)).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        long started = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());

        assertEquals(0, p.waitFor(), out);
        List<String> lines = Files.readAllLines(calls);
        assertEquals(3, lines.size(), "update (locked), then update and install: " + lines);
        assertTrue(lines.get(2).startsWith("-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends blender"), lines.get(2));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 5_000, "it waited before trying again");
    }
}
