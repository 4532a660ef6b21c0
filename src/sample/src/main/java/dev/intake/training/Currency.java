package dev.intake.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A currency prices can be given in: reference data shared by all organisations, seeded by a migration. */
@Entity
@Table(name = "currency")
public class Currency extends PanacheEntityBase {

    @Id
    public Long id;

    /** The ISO 4217 code, such as EUR. */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;
}
