/**
 * The cluster as the engine sees it: the {@link dev.remedy.cluster.ClusterOperations} port, whose
 * every method is idempotent under the step's key and records what its revert needs before writing.
 */
package dev.remedy.cluster;
