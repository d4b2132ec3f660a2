/*
 * tests.h - the chi-squared / Fisher test of placement by each dimension,
 * computed after disclosure control on what is shown only.
 */
#ifndef DURCHBLICK_TRANSFORM_TESTS_H
#define DURCHBLICK_TRANSFORM_TESTS_H

#include "error.h"
#include "kennzahlen_writer.h"

/*
 * Adds test_vermittlung for every dimension of t that has vermittlungsquote
 * by category (baustein, kommune, aufenthaltsstatus, leistungsbezug,
 * geschlecht, altersgruppe, staatsangehoerigkeit, quartal). The table is
 * placed / not placed among the exits of each category whose rate is shown;
 * the categories with withheld rates count together as one ("übrige",
 * geheimhaltung = zusammengefasst), which is the total minus the shown ones
 * and so reveals nothing; where the total itself is withheld the test is
 * withheld. Categories ohne_angabe are left out where shown (as R's table()
 * drops NA). Call after disclosure control has marked t. Returns DBK_OK or
 * DBK_ERR_NOMEM.
 */
dbk_error tests_compute(kz_table *t);

#endif
