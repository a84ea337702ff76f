package org.mhcs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mhcs.generate.PurchaseCatalogue.Product;

/**
 * Writes one trust's purchase-order lines for the month (ppib purchase_line).
 *
 * <p>A trust buys a stable half or so of the catalogue at its own prices: the reference price times
 * the trust's general level, a product-by-product difference, and, for a few products, an
 * off-contract price several times the reference (the review's dressing bought at £1.62 by one
 * trust and £20.29 by another). Prices and the products bought depend on (seed, trust) alone, so
 * they hold from month to month; the month's orders (how many, when, which lines, quantities) are
 * drawn afresh. Line totals are quantity × unit price, left empty on a few lines.
 */
final class PurchaseOrders {
  private static final double PRODUCT_SHARE_BOUGHT = 0.55;
  private static final double OFF_CONTRACT_SHARE = 0.05;
  private static final double MISSING_TOTAL_SHARE = 0.04;

  private final OrganisationPlan plan;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final RandomDraws random;
  private final List<Product> bought = new ArrayList<>();
  private final List<Long> pricesPence = new ArrayList<>();

  PurchaseOrders(OrganisationPlan plan, ReportingMonth month, ChunkOutput out, long seed) {
    this.plan = plan;
    this.month = month;
    this.out = out;
    int index = plan.organisation().index();
    this.random = RandomDraws.forStream(seed, RandomDraws.PURCHASING, index, month.seedPart());
    RandomDraws prices = RandomDraws.forStream(seed, RandomDraws.PURCHASING, index);
    double level = prices.logNormalWithMean(1, 0.12);
    for (Product product : PurchaseCatalogue.PRODUCTS) {
      boolean buys = prices.chance(PRODUCT_SHARE_BOUGHT);
      double price = product.referencePence() * level * prices.logNormalWithMean(1, 0.18);
      if (prices.chance(OFF_CONTRACT_SHARE)) {
        price *= prices.uniform(2.5, 9);
      }
      if (buys) {
        bought.add(product);
        pricesPence.add(Math.max(5, Math.round(price)));
      }
    }
  }

  /** Writes the month's orders, one to eight lines each, each line a different product. */
  void write() {
    if (bought.isEmpty()) {
      return;
    }
    String org = plan.organisation().code();
    double size = plan.organisation().size();
    int orders = (int) Math.max(5, Math.round((25 + 50 * size) * random.uniform(0.85, 1.15)));
    int[] weekdays = month.weekdays();
    int[] chosen = new int[bought.size()];
    for (int o = 1; o <= orders; o++) {
      String number = String.format(Locale.ROOT, "%sPO%s%05d", org, month.tag(), o);
      byte[] date = month.dayText(weekdays[random.below(weekdays.length)]);
      int lines = Math.min(bought.size(), 1 + random.poisson(2));
      // A partial shuffle picks the order's distinct products.
      for (int i = 0; i < chosen.length; i++) {
        chosen[i] = i;
      }
      for (int line = 0; line < lines; line++) {
        int swap = line + random.below(chosen.length - line);
        int p = chosen[swap];
        chosen[swap] = chosen[line];
        chosen[line] = p;
        Product product = bought.get(p);
        long price = pricesPence.get(p);
        long quantity =
            1 + random.poisson(product.typicalQuantity() * random.uniform(0.5, 1.5) - 1);
        LandingRow row =
            out.breakableRow(LandingTable.PPIB_PURCHASE_LINE)
                .text("Org_Code", org)
                .ascii("PO_Date", date)
                .text("PO_Number", number)
                .text("Supplier_Name", product.supplier())
                .text("NPC", product.npc())
                .text("Product_Description", product.description())
                .text("Category", product.category())
                .text("Unit_Of_Issue", product.unitOfIssue())
                .number("Quantity", quantity)
                .hundredths("Unit_Price", price);
        if (!random.chance(MISSING_TOTAL_SHARE)) {
          row.hundredths("Line_Total", quantity * price);
        }
        row.end();
      }
    }
  }
}
