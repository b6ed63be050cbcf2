package dev.remedy.workflow;

import dev.remedy.template.Template;

/** The object a step acts on; namespace and name are templates rendered per run. */
public record TargetRef(TargetKind kind, Template namespace, Template name) {}
