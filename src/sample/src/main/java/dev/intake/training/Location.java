package dev.intake.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A place where events are held. */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "location_id")
    @SequenceGenerator(name = "location_id", sequenceName = "location_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String organisation;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String street;

    @Column(nullable = false)
    public String city;

    public String postcode;

    @Column(nullable = false)
    public String country;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "wheelchair_accessible")
    public Boolean wheelchairAccessible;
}
