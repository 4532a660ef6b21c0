package com.example.library;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A loan as clients read it. */
@Type("Loan")
public record LoanView(@Id @NonNull String id, @NonNull String isbn, @NonNull String cardNumber, @NonNull LocalDate dueOn) {

    static LoanView of(Loan loan) {
        return new LoanView(String.valueOf(loan.id), loan.book.isbn, loan.member.cardNumber, loan.dueOn);
    }
}
