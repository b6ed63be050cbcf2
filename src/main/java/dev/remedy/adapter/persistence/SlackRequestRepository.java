package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlackRequestRepository implements PanacheRepositoryBase<SlackRequestEntity, String> {}
