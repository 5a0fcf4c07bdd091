package io.gridloop.shared.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** A body with several violations gets them in one order, whatever order the validator found them in (plain JUnit). */
class ViolationOrderTest {

    record Body(@NotBlank @Size(min = 1, max = 100) String title, @NotBlank String categoryCode) {
    }

    @Test
    void violations_come_by_field_then_by_message() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        List<ConstraintViolation<Body>> found = new ArrayList<>(validator.validate(new Body("", null)));
        assertEquals(3, found.size());
        Set<ConstraintViolation<Body>> oneWay = new LinkedHashSet<>(found);
        List<ConstraintViolation<Body>> reversed = new ArrayList<>(found);
        Collections.reverse(reversed);
        Set<ConstraintViolation<Body>> otherWay = new LinkedHashSet<>(reversed);

        List<Problem.Violation> answered = ProblemMappers.violations(oneWay);
        assertEquals(answered, ProblemMappers.violations(otherWay));
        assertEquals(List.of("categoryCode", "title", "title"), answered.stream().map(Problem.Violation::field).toList());
        assertTrue(answered.get(1).message().compareTo(answered.get(2).message()) < 0,
                "a field's violations are not by message: " + answered);
    }
}
