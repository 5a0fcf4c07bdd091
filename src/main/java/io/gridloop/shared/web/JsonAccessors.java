package io.gridloop.shared.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Jackson reaches the getters of what it writes, and the setters and constructors of what it reads, through lambdas it
 * generates once (Blackbird), not through reflection on every call. What it writes and reads is unchanged.
 */
@Singleton
class JsonAccessors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
