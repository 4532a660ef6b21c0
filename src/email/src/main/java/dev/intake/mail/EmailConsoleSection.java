package dev.intake.mail;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.console.ConsoleSection;

/** The Email page's link in the console's menu, for import admins. */
@ApplicationScoped
public class EmailConsoleSection implements ConsoleSection {

    @Override
    public String nav() {
        return "email";
    }

    @Override
    public String path() {
        return "email";
    }

    @Override
    public String label() {
        return "Email";
    }
}
