package dev.intake.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A course the company teaches; events are runs of it. */
@Entity
@Table(name = "course_template")
public class CourseTemplate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "course_template_id")
    @SequenceGenerator(name = "course_template_id", sequenceName = "course_template_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String organisation;

    /** A short code, unique in the organisation, such as JAVA-101. */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String title;

    public String description;
}
