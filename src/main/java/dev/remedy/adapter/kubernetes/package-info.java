/** The cluster port on the Fabric8 Kubernetes client. */
package dev.remedy.adapter.kubernetes;
