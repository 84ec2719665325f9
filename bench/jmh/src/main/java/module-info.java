/**
 * JMH benchmarks of the engine's hot paths, through its API only (as any embedding would call it).
 * JMH instantiates the generated benchmark classes by reflection, hence the open package.
 */
module dev.parley.bench.jmh {
    requires dev.parley.core;
    requires dev.parley.jakarta;
    requires jmh.core;
    requires java.management;

    opens dev.parley.bench.jmh to jmh.core;
}
