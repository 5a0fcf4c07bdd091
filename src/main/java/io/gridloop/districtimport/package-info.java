/**
 * The import of a district's data from one file (seeds/ is an example): checked as a whole, written
 * in one transaction through each owning feature's import methods. Owns no table.
 */
package io.gridloop.districtimport;
