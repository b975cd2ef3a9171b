package threatgraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, bound to 127.0.0.1.
 *
 * Arguments: HOME_DIR BOLT_PORT. Environment: TG_NEO4J_PASSWORD (required),
 * TG_NEO4J_PAGECACHE (e.g. 512m), TG_WATCH_STDIN=1 to shut down when the parent
 * closes our stdin (so a crashed parent never leaves a JVM behind).
 * Prints "READY bolt://127.0.0.1:PORT" once Bolt accepts connections.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME_DIR BOLT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("TG_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("TG_NEO4J_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        String pageCache = System.getenv().getOrDefault("TG_NEO4J_PAGECACHE", "512m");
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        // The default user starts with the well-known password "neo4j" and must change it;
        // setting ours through the system database makes the first Bolt login work.
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));

        Files.writeString(home.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if ("1".equals(System.getenv("TG_WATCH_STDIN"))) {
            watchStdin();
        }
    }

    /** Blocks until stdin closes, then exits (the shutdown hook stops Neo4j cleanly). */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) { /* ignore input */ }
            } catch (IOException ignored) {
                // a broken pipe means the parent is gone, same as end of input
            }
            System.exit(0);
        }, "stdin-watch");
        watcher.setDaemon(false);
        watcher.start();
    }
}
