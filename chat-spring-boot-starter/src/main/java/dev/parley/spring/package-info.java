/**
 * Parley as a Spring Boot starter: {@link dev.parley.spring.ParleyAutoConfiguration}, the
 * {@code parley.*} {@link dev.parley.spring.ParleyProperties} and the replaceable
 * {@link dev.parley.spring.ParleyIdentity}.
 */
package dev.parley.spring;
