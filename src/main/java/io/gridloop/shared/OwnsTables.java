package io.gridloop.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a feature package owns (on its {@code package-info.java}). Only the owner names its
 * tables in SQL; every other feature reaches that data through the owner's public query API. Every
 * table has exactly one owner ({@code TableOwnershipTest}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnsTables {
    String[] value();
}
