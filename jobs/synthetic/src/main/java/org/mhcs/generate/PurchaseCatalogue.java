package org.mhcs.generate;

import java.util.List;

/**
 * The products the synthetic trusts buy, with the NHS Supply Chain style code ({@code NPC}) each is
 * ordered under, its category, unit of issue, the usual supplier, a national reference price per
 * unit of issue and how many units a typical order line takes. Codes and prices are synthetic
 * look-alikes (the reference prices are of the right order for the products, not published ones).
 */
final class PurchaseCatalogue {
  static final String NHS_SUPPLY_CHAIN = "NHS Supply Chain";

  /** One product. */
  record Product(
      String npc,
      String description,
      String category,
      String unitOfIssue,
      String supplier,
      long referencePence,
      int typicalQuantity) {}

  static final List<Product> PRODUCTS =
      List.of(
          wound("EKB101", "Foam dressing silicone adhesive border 10cm x 10cm", "Each", 210, 40),
          wound("EKB102", "Foam dressing silicone adhesive border 15cm x 15cm", "Each", 340, 30),
          wound("EKB115", "Hydrocolloid dressing 10cm x 10cm", "Each", 115, 40),
          wound("EKB120", "Alginate dressing 10cm x 10cm", "Each", 130, 30),
          wound("EKB131", "Film dressing transparent 6cm x 7cm", "Box of 100", 1800, 3),
          wound("EKB142", "Absorbent pad dressing 10cm x 20cm", "Box of 25", 650, 6),
          wound("EKB150", "Antimicrobial silver dressing 10cm x 10cm", "Each", 380, 20),
          wound("EKB163", "Two layer compression bandage kit", "Each", 950, 15),
          wound("EKB171", "Tubular bandage size E 1m", "Each", 105, 30),
          wound("EKB188", "Wound closure strips 6mm x 75mm", "Pack of 50", 1240, 4),
          gloves("KCT210", "Nitrile examination gloves non-sterile small", 420),
          gloves("KCT211", "Nitrile examination gloves non-sterile medium", 420),
          gloves("KCT212", "Nitrile examination gloves non-sterile large", 420),
          gloves("KCT230", "Vinyl examination gloves non-sterile medium", 260),
          new Product(
              "KCT245",
              "Sterile surgical gloves latex free size 7",
              "Gloves medical",
              "Pack of 50 pairs",
              NHS_SUPPLY_CHAIN,
              3800,
              2),
          continence("FDB301", "All-in-one continence pad large", "Pack of 28", 980, 12),
          continence("FDB305", "Shaped insert continence pad", "Pack of 28", 610, 12),
          continence("FDB312", "Pull-up continence pants medium", "Pack of 14", 790, 10),
          continence("FDB320", "Male external catheter 30mm", "Box of 30", 5200, 3),
          continence("FDB327", "Leg drainage bag 500ml", "Box of 10", 1850, 4),
          continence("FDB334", "Disposable bed pad 60cm x 90cm", "Pack of 25", 820, 8),
          continence("FDB341", "Intermittent catheter female hydrophilic", "Box of 30", 4800, 3),
          sharps("FWC401", "Syringe luer slip 5ml", "Box of 100", 540, 5),
          sharps("FWC410", "Hypodermic needle 21G x 40mm", "Box of 100", 310, 5),
          sharps("FWC415", "Safety hypodermic needle 23G x 25mm", "Box of 100", 1180, 4),
          sharps("FWC422", "Insulin syringe 1ml with needle", "Box of 100", 1450, 3),
          infection("VJT501", "Alcohol hand rub 500ml pump", "Each", 230, 24),
          infection("VJT512", "Disposable apron white", "Roll of 200", 390, 10),
          infection("VJT520", "Fluid resistant surgical mask type IIR", "Box of 50", 460, 10),
          infection("VJT531", "Detergent wipes", "Pack of 200", 680, 10),
          new Product(
              "EMD601",
              "Sterile dressing pack",
              "Dressing packs",
              "Each",
              NHS_SUPPLY_CHAIN,
              65,
              50),
          new Product(
              "EMD612",
              "Catheterisation pack",
              "Dressing packs",
              "Each",
              NHS_SUPPLY_CHAIN,
              185,
              20));

  private PurchaseCatalogue() {}

  private static Product wound(
      String npc, String description, String unit, long pence, int quantity) {
    return new Product(
        npc, description, "Wound management", unit, NHS_SUPPLY_CHAIN, pence, quantity);
  }

  private static Product gloves(String npc, String description, long pence) {
    return new Product(
        npc, description, "Gloves medical", "Box of 100", "Synthetic Gloves Ltd", pence, 20);
  }

  // A supplier whose name holds the delimiter, so the file carries a quoted field.
  private static Product continence(
      String npc, String description, String unit, long pence, int quantity) {
    return new Product(
        npc,
        description,
        "Continence products",
        unit,
        "Synthetic Continence Care, Ltd",
        pence,
        quantity);
  }

  private static Product sharps(
      String npc, String description, String unit, long pence, int quantity) {
    return new Product(
        npc, description, "Syringes and needles", unit, NHS_SUPPLY_CHAIN, pence, quantity);
  }

  private static Product infection(
      String npc, String description, String unit, long pence, int quantity) {
    return new Product(
        npc, description, "Infection control", unit, "Synthetic Medical Ltd", pence, quantity);
  }
}
