package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StepExecutionRepository implements PanacheRepository<StepExecutionEntity> {}
