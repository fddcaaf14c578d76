/**
 * The command line: the picocli commands {@code sweep}, {@code train}, {@code gradcheck} and {@code report}. They
 * parse and validate what the user typed, ask the services below to do the work, and turn every user error into one
 * line on stderr and an exit code. May import every other package of cifar-sweep; none imports it.
 */
package org.cifarsweep.cli;
