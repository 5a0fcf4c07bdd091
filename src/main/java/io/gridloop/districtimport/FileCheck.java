package io.gridloop.districtimport;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.gridloop.account.Accounts;
import io.gridloop.region.Boundary;
import io.gridloop.region.RegionType;
import io.gridloop.shared.problem.Problem.Violation;
import io.gridloop.shared.security.Role;

/**
 * Everything wrong with a file that can be told without the database, all at once: each field's own
 * rules (lengths, patterns, ranges), then what ties rows together (keys that must exist and be
 * unique, names unique under their parent, boundaries, roles bound where they fit, dates). Each
 * violation names the row and field as a path into the file ({@code streets[1].communities[0].grids[2].boundary}).
 */
final class FileCheck {

    /** The region key that means the district itself. */
    static final String DISTRICT = "district";

    private final List<Violation> violations = new ArrayList<>();
    /** Region keys of the file, with the type of the region they name. */
    private final Map<String, RegionType> regionKeys = new HashMap<>();
    private final Set<String> unitKeys = new HashSet<>();

    private FileCheck() {
    }

    static List<Violation> violations(DistrictFile file, Validator validator) {
        FileCheck check = new FileCheck();
        for (ConstraintViolation<DistrictFile> violation : validator.validate(file)) {
            check.violations.add(new Violation(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        check.units(file);
        check.regions(file);
        check.categories(file);
        check.calendar(file);
        check.accounts(file);
        check.apiKeys(file);
        check.storeItems(file);
        check.violations.sort(Comparator.comparing(Violation::field, FileCheck::byPath));
        return check.violations;
    }

    private void units(DistrictFile file) {
        Set<String> names = new HashSet<>();
        each(file.units(), "units", (unit, at) -> {
            if (unit.key() != null && !unitKeys.add(unit.key())) {
                add(at + ".key", "import.duplicate-key");
            }
            if (unit.name() != null && !names.add(unit.name())) {
                add(at + ".name", "import.duplicate");
            }
        });
    }

    private void regions(DistrictFile file) {
        regionKeys.put(DISTRICT, RegionType.DISTRICT);
        Set<String> streetNames = new HashSet<>();
        each(file.streets(), "streets", (street, at) -> {
            unique(streetNames, street.name(), at);
            key(street.key(), RegionType.STREET, at);
            Set<String> communityNames = new HashSet<>();
            each(street.communities(), at + ".communities", (community, inStreet) -> {
                unique(communityNames, community.name(), inStreet);
                key(community.key(), RegionType.COMMUNITY, inStreet);
                Set<String> gridNames = new HashSet<>();
                each(community.grids(), inStreet + ".grids", (grid, inCommunity) -> {
                    unique(gridNames, grid.name(), inCommunity);
                    key(grid.key(), RegionType.GRID, inCommunity);
                    oneOf(grid.sizeClass(), List.of("LARGE", "MEDIUM", "SMALL"), inCommunity + ".sizeClass");
                    if (grid.contactUnit() != null && !unitKeys.contains(grid.contactUnit())) {
                        add(inCommunity + ".contactUnit", "import.unknown-unit");
                    }
                    if (grid.boundary() != null) {
                        Boundary.problem(grid.boundary()).ifPresent(problem -> add(inCommunity + ".boundary", problem));
                    }
                });
            });
        });
    }

    private void categories(DistrictFile file) {
        Set<String> codes = new HashSet<>();
        each(file.categories(), "categories", (category, at) -> {
            if (category.code() != null && !codes.add(category.code())) {
                add(at + ".code", "import.duplicate");
            }
            oneOf(category.defaultMatterClass(), List.of("MAJOR", "MINOR", "PERSONAL"), at + ".defaultMatterClass");
            if (category.responseLimit() != null) {
                oneOf(category.responseLimit().unit(), List.of("HOURS", "WORKING_DAYS"), at + ".responseLimit.unit");
            }
            if (category.resolutionLimit() != null) {
                oneOf(category.resolutionLimit().unit(), List.of("HOURS", "WORKING_DAYS"), at + ".resolutionLimit.unit");
            }
        });
    }

    private void calendar(DistrictFile file) {
        Set<Integer> years = new HashSet<>();
        each(file.calendar(), "calendar", (year, at) -> {
            if (year.year() != null && !years.add(year.year())) {
                add(at + ".year", "import.duplicate");
            }
            oneOf(year.status(), List.of("PUBLISHED", "PROVISIONAL"), at + ".status");
            Set<LocalDate> days = new HashSet<>();
            each(year.days(), at + ".days", (day, dayAt) -> {
                LocalDate from = date(day.from(), dayAt + ".from");
                LocalDate to = day.to() == null ? from : date(day.to(), dayAt + ".to");
                if (from == null || to == null) {
                    return;
                }
                if (to.isBefore(from)) {
                    add(dayAt + ".to", "import.bad-range");
                } else if (year.year() != null && (from.getYear() != year.year() || to.getYear() != year.year())) {
                    add(dayAt + ".from", "import.day-outside-year");
                } else {
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        if (!days.add(d)) {
                            add(dayAt + ".from", "import.duplicate");
                            break;
                        }
                    }
                }
            });
        });
    }

    private void accounts(DistrictFile file) {
        Set<String> usernames = new HashSet<>();
        each(file.accounts(), "accounts", (account, at) -> {
            if (account.username() != null && !usernames.add(account.username().toLowerCase(Locale.ROOT))) {
                add(at + ".username", "import.duplicate");
            }
            Set<DistrictFile.Role> bindings = new HashSet<>();
            each(account.roles(), at + ".roles", (binding, roleAt) -> {
                if (!bindings.add(binding)) {
                    add(roleAt, "import.duplicate");
                }
                role(binding, roleAt);
            });
        });
    }

    private void role(DistrictFile.Role binding, String at) {
        Role role;
        try {
            role = binding.role() == null ? null : Role.valueOf(binding.role());
        } catch (IllegalArgumentException unknown) {
            role = null;
        }
        if (role == null || role == Role.INTEGRATION) {
            if (binding.role() != null) {
                add(at + ".role", "import.unknown-role");
            }
            return;
        }
        if (role == Role.UNIT_HANDLER) {
            if (binding.unit() == null || binding.region() != null) {
                add(at, "field.role-binding-invalid");
            } else if (!unitKeys.contains(binding.unit())) {
                add(at + ".unit", "import.unknown-unit");
            }
            return;
        }
        if (binding.unit() != null || (binding.region() == null && role != Role.RESIDENT)) {
            add(at, "field.role-binding-invalid");
        } else if (binding.region() != null && !regionKeys.containsKey(binding.region())) {
            add(at + ".region", "import.unknown-region");
        } else if (binding.region() != null && Accounts.boundTo(role).filter(type -> type != regionKeys.get(binding.region())).isPresent()) {
            add(at + ".region", "field.role-binding-invalid");
        }
    }

    private void apiKeys(DistrictFile file) {
        Set<String> secrets = new HashSet<>();
        each(file.apiKeys(), "apiKeys", (key, at) -> {
            if (key.key() != null && !secrets.add(key.key())) {
                add(at + ".key", "import.duplicate");
            }
            if (key.region() != null && !regionKeys.containsKey(key.region())) {
                add(at + ".region", "import.unknown-region");
            }
        });
    }

    private void storeItems(DistrictFile file) {
        Set<String> names = new HashSet<>();
        each(file.storeItems(), "storeItems", (item, at) -> {
            if (item.community() != null && regionKeys.get(item.community()) != RegionType.COMMUNITY) {
                add(at + ".community", "import.unknown-community");
            } else if (item.name() != null && !names.add(item.community() + "/" + item.name())) {
                add(at + ".name", "import.duplicate");
            }
        });
    }

    private void key(String key, RegionType type, String at) {
        if (key != null && regionKeys.putIfAbsent(key, type) != null) {
            add(at + ".key", "import.duplicate-key");
        }
    }

    private void unique(Set<String> names, String name, String at) {
        if (name != null && !names.add(name)) {
            add(at + ".name", "import.duplicate");
        }
    }

    private void oneOf(String value, List<String> allowed, String at) {
        if (value != null && !allowed.contains(value)) {
            add(at, "import.unknown-value");
        }
    }

    private LocalDate date(String text, String at) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            if (text != null) {
                add(at, "import.bad-date");
            }
            return null;
        }
    }

    private void add(String field, String messageKey) {
        violations.add(new Violation(field, messageKey));
    }

    private interface Row<T> {
        void check(T row, String at);
    }

    private static <T> void each(List<T> rows, String section, Row<T> check) {
        if (rows == null) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) != null) {
                check.check(rows.get(i), section + "[" + i + "]");
            }
        }
    }

    /** Paths with their numbers compared as numbers: {@code accounts[10]} after {@code accounts[9]}. */
    private static int byPath(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                int compared = Long.compare(Long.parseLong(a.substring(i, endA)), Long.parseLong(b.substring(j, endB)));
                if (compared != 0) {
                    return compared;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
